/**
 * @module `heng-edge start`: runs one edge site (store, bus, commands, Node-RED with Heng's
 * palette, and the devices of `--devices FILE`) until SIGINT or SIGTERM, then stops everything
 * cleanly.
 */
import { Command } from 'commander';
import { type DeviceEntry, loadDevicesFile } from '../devices/index.ts';
import { startEdge } from '../edge/index.ts';
import { integer } from './arguments.ts';

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
    .action(async (flags: { site: string; data: string; port: number; devices?: string }) => {
      let edge: Awaited<ReturnType<typeof startEdge>>;
      try {
        const devices: DeviceEntry[] | undefined = flags.devices
          ? await loadDevicesFile(flags.devices)
          : undefined;
        edge = await startEdge({
          site: flags.site,
          dataDir: flags.data,
          port: flags.port,
          ...(devices ? { devices } : {}),
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
        edge.stop().then(
          () => console.log('heng-edge: stopped'),
          (error: Error) => {
            console.error(`heng-edge: stopping failed: ${error.message}`);
            process.exitCode = 1;
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      console.log(`heng-edge: site ${edge.site}, data in ${flags.data}`);
      if (edge.devices) {
        console.log(
          `heng-edge: polling ${edge.devices.clients.size} device(s) from ${flags.devices}`,
        );
      }
      console.log(
        `heng-edge: Node-RED editor on ${edge.editor.url} (user admin; password in ${edge.editor.credentialsFile})`,
      );
    });
}
