/**
 * @module `heng-hub start`: runs the hub until SIGINT or SIGTERM. With no `--couchdb` (or
 * `COUCHDB_URL`) it starts the embedded store under `--data`. The first start creates the
 * administrator and prints its password once, to this terminal only.
 */
import { Command, Option } from 'commander';
import { startHub } from '../hub.ts';
import { findShellDist } from '../shell-serve.ts';
import {
  MAX_ONLINE_WINDOW_MS,
  MIN_ONLINE_WINDOW_MS,
  ONLINE_WINDOW_MS,
} from '../sites/sync-state.ts';
import { parseCouchdbArg, parseOnlineWindow, parseOrigin, parsePort } from './options.ts';

const MIN_S = MIN_ONLINE_WINDOW_MS / 1000;
const MAX_S = MAX_ONLINE_WINDOW_MS / 1000;

interface StartFlags {
  port: number;
  host: string;
  data: string;
  couchdb?: string;
  /** ms, parsed from seconds. */
  onlineWindow: number;
  origin?: string[];
}

/** The `start` command, for main.ts to register. */
export function startCommand(): Command {
  return new Command('start')
    .description('run the hub: API, sync gateway and shell on one port')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'folder for the embedded store and the hub files', '.heng/hub')
    .option(
      '--couchdb <url>',
      'a CouchDB 3 to use instead of the embedded store, without a password (put a URL with credentials in COUCHDB_URL: arguments are visible to every local user)',
      parseCouchdbArg,
    )
    .option(
      '--origin <url>',
      'an origin browsers reach the hub at besides its own, e.g. a TLS proxy (repeatable); writes from any other origin are refused',
      parseOrigin,
    )
    .addOption(
      new Option(
        '--online-window <seconds>',
        `how long a site counts as online after its edge's last request (${MIN_S}..${MAX_S}; an idle edge is seen every 25 s, so keep it above 50)`,
      )
        .argParser(parseOnlineWindow)
        .default(ONLINE_WINDOW_MS, String(ONLINE_WINDOW_MS / 1000)),
    )
    .action(async (flags: StartFlags) => {
      let hub: Awaited<ReturnType<typeof startHub>>;
      const shellDir = await findShellDist();
      try {
        hub = await startHub({
          port: flags.port,
          host: flags.host,
          dataDir: flags.data,
          couchdbUrl: flags.couchdb ?? process.env['COUCHDB_URL'],
          shellDir,
          onlineWindowMs: flags.onlineWindow,
          origins: flags.origin,
        });
      } catch (error) {
        console.error(`heng-hub start: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`heng-hub: ${signal}, stopping`);
        hub.close().then(
          () => console.log('heng-hub: stopped'),
          (error: Error) => {
            console.error(`heng-hub: stopping failed: ${error.message}`);
            process.exitCode = 1;
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      console.log(
        `heng-hub: store ${hub.storeKind}${hub.storeKind === 'couchdb' ? ` at ${hub.storeUrl}` : ` in ${flags.data}`}`,
      );
      if (hub.admin) {
        // Printed to the terminal of whoever started the hub, once; never written to a log.
        console.log(
          `heng-hub: created administrator "${hub.admin.id}" with password ${hub.admin.password}`,
        );
        console.log(
          'heng-hub: keep it now: it is stored only as a hash and will not be shown again',
        );
      }
      console.log(`heng-hub: API on ${hub.url}/api (OpenAPI: ${hub.url}/api/openapi.json)`);
      console.log(
        shellDir
          ? `heng-hub: web shell on ${hub.url}/ (from ${shellDir})`
          : 'heng-hub: no web shell: build it with `npm run build -w @heng/shell`',
      );
      console.log(
        `heng-hub: a site is online while its edge was seen in the last ${flags.onlineWindow / 1000} s`,
      );
      console.log(`heng-hub: listening on ${hub.url}`);
    });
}
