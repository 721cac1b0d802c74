/**
 * @module One edge site in one process: its databases (control, local), its telemetry store, its
 * event bus, the embedded Node-RED editor with Heng's palette, and the command processor.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus } from '@heng/core';
import { HengError } from '@heng/schemas';
import { CommandProcessor, type PointWriter } from '../commands/index.ts';
import { type RunningEditor, startEditor } from '../node-red/index.ts';
import type { SiteServices } from '../palette/index.ts';
import { openDatabase, SegmentedTelemetry, TelemetryStore } from '../store/index.ts';

export interface EdgeOptions {
  site: string;
  dataDir: string;
  /** Port of the Node-RED editor on loopback; 0 picks a free one. */
  port?: number;
  /** Carries commands to devices; without one, every command is rejected as having no device. */
  writer?: PointWriter;
}

export interface RunningEdge extends AsyncDisposable {
  site: string;
  editor: RunningEditor;
  services: SiteServices;
  /** The telemetry day segments, for retention and replication. */
  segments: SegmentedTelemetry;
  stop(): Promise<void>;
}

const PALETTE = fileURLToPath(new URL('../../nodes', import.meta.url));

/**
 * Node-RED finds installed node modules beside its own package: where this package is one of them
 * (a workspace, or installed next to node-red), the palette is found that way, and naming its
 * folder again would load it twice.
 */
function paletteFolders(): string[] {
  try {
    const nodeRed = createRequire(import.meta.url).resolve('node-red/package.json');
    const beside = path.resolve(path.dirname(nodeRed), '..', '@heng', 'edge-node', 'package.json');
    return existsSync(beside) ? [] : [PALETTE];
  } catch {
    return [PALETTE];
  }
}

const noDevices: PointWriter = {
  async write(device) {
    throw new HengError('not_found', `no device ${device} is configured at this site`);
  },
};

export async function startEdge(options: EdgeOptions): Promise<RunningEdge> {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(options.site)) {
    throw new HengError(
      'invalid_input',
      `site id ${JSON.stringify(options.site)} must be letters, digits, _ . - (1 to 64)`,
    );
  }
  const dataDir = path.resolve(options.dataDir);
  const control = await openDatabase(dataDir, 'control');
  const local = await openDatabase(dataDir, 'local');
  const segments = new SegmentedTelemetry(path.join(dataDir, 'telemetry'));
  const telemetry = new TelemetryStore({
    site: options.site,
    segment: (name) => segments.segment(name),
  });
  const bus = new EventBus();
  const services: SiteServices = { site: options.site, telemetry, bus };
  const commands = new CommandProcessor({
    db: control,
    site: options.site,
    writer: options.writer ?? noDevices,
  });
  await commands.start();
  const editor = await startEditor({
    site: options.site,
    control,
    local,
    dataDir: path.join(dataDir, 'node-red'),
    port: options.port ?? 1880,
    nodesDirs: paletteFolders(),
    services,
  });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await editor.stop();
      await commands.close();
      await telemetry.close();
      bus.dispose();
      await segments.close();
      await control.close();
      await local.close();
    })();
    return stopped;
  };
  return { site: options.site, editor, services, segments, stop, [Symbol.asyncDispose]: stop };
}
