/**
 * @module `heng-edge start`: runs one edge site (store, bus, commands, Node-RED with Heng's
 * palette, and the devices of `--devices FILE`) until SIGINT or SIGTERM, then stops everything
 * cleanly.
 */
import { Command } from 'commander';
import type { DeviceEntry } from '../devices/index.ts';
import type { HubFlags } from '../sync/hub-flags.ts';
import { integer } from './arguments.ts';

type StartFlags = { site: string; data: string; port: number; devices?: string } & HubFlags;

/** The `start` command, for main.ts to register. */
export function startCommand(): Command {
  return new Command('start')
    .description('run an edge site: local store, commands, and the Node-RED editor on loopback')
    .requiredOption('--site <id>', 'the site this edge serves, e.g. lighting-01')
    .requiredOption('--data <dir>', 'folder for the databases and Node-RED files')
    .option(
      '--port <n>',
      'port of the Node-RED editor on 127.0.0.1 (0 picks a free one)',
      integer(0, 65535),
      1880,
    )
    .option(
      '--devices <file>',
      'JSON list of the Modbus devices to poll and command: [{name, profile, host, port, unit?}]',
    )
    .option('--hub <url>', 'the hub to sync with, e.g. https://hub.example.city')
    .option('--token <token>', "the site's edge token (better: the HENG_EDGE_TOKEN variable)")
    .action(async (flags: StartFlags) => {
      // Loaded here, not at the top: Node-RED and the core take seconds to load on a small edge
      // box, and the other commands (read, admin, readings…) need neither.
      const [{ loadDevicesFile }, { startEdge }] = await Promise.all([
        import('../devices/index.ts'),
        import('../edge/index.ts'),
      ]);
      const { hubFromFlags, syncStatusLog } = await import('../sync/hub-flags.ts');
      let edge: Awaited<ReturnType<typeof startEdge>>;
      try {
        const devices: DeviceEntry[] | undefined = flags.devices
          ? await loadDevicesFile(flags.devices)
          : undefined;
        const hub = hubFromFlags(flags);
        edge = await startEdge({
          site: flags.site,
          dataDir: flags.data,
          port: flags.port,
          ...(devices ? { devices } : {}),
          ...(hub ? { hub: { ...hub, onStatus: syncStatusLog((line) => console.log(line)) } } : {}),
        });
      } catch (error) {
        console.error(`heng-edge start: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      // Signals are handled before the ready lines go out: whoever waits for them may signal at once.
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`heng-edge: ${signal}, stopping`);
        edge
          .stop()
          .then(
            () => console.log('heng-edge: stopped'),
            (error: Error) => {
              console.error(`heng-edge: stopping failed: ${error.message}`);
              process.exitCode = 1;
            },
          )
          // Everything of ours is closed now, but Node-RED's admin API arms a session-expiry timer
          // (a week long, @node-red/editor-api auth/tokens.js) at the first sign-in and RED.stop()
          // never clears it: without this, an edge anyone signed in to would never exit. Node-RED's
          // own launcher ends with process.exit too.
          .finally(() => process.exit());
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      console.log(`heng-edge: site ${edge.site}, data in ${flags.data}`);
      // The token is never printed: only where the edge syncs to.
      if (flags.hub) console.log(`heng-edge: syncing with ${flags.hub}`);
      if (edge.devices) {
        console.log(
          `heng-edge: polling ${edge.devices.clients.size} device(s) from ${flags.devices}`,
        );
      }
      console.log(
        `heng-edge: Node-RED editor on ${edge.editor.url} (user admin; password in ${edge.editor.credentialsFile})`,
      );
      console.log(
        `heng-edge: stored readings: heng-edge readings --data ${flags.data}; admin sign-in: heng-edge admin --data ${flags.data}`,
      );
    });
}
