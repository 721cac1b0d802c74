/**
 * @module One edge site in one process: its databases (control, local), its telemetry store, its
 * event bus, the embedded Node-RED editor with Heng's palette, the command processor, and the
 * site's Modbus devices (polled into the store, commanded through the processor).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus } from '@heng/core';
import { HengError } from '@heng/schemas';
import { CommandProcessor, type PointWriter } from '../commands/index.ts';
import { type DeviceEntry, type DeviceReadings, SiteDevices } from '../devices/index.ts';
import { type RunningEditor, startEditor } from '../node-red/index.ts';
import type { SiteServices } from '../palette/index.ts';
import {
  type EdgeDatabase,
  openDatabase,
  SegmentedTelemetry,
  TelemetryStore,
} from '../store/index.ts';
import { EdgePlugins } from './plugins.ts';

export interface EdgeOptions {
  site: string;
  dataDir: string;
  /** Port of the Node-RED editor on loopback; 0 picks a free one. */
  port?: number;
  /** Carries commands to devices; without one, every command is rejected as having no device. */
  writer?: PointWriter;
  /**
   * The site's Modbus devices (a devices file's entries; relative profile paths from the working
   * folder): polled into the telemetry store and written by commands. Not with `writer`.
   */
  devices?: DeviceEntry[];
  /** Told of every poll round of every device, bad readings included (edge plugins). */
  onReadings?: (round: DeviceReadings) => void;
}

export interface RunningEdge extends AsyncDisposable {
  site: string;
  editor: RunningEditor;
  services: SiteServices;
  /** The telemetry day segments, for retention and replication. */
  segments: SegmentedTelemetry;
  /** The site's control database (commands, outcomes, flows), replicated with the hub. */
  control: EdgeDatabase;
  /** The devices from `options.devices`, when given: their clients and health. */
  devices: SiteDevices | undefined;
  /** The core's plugin host at this site: install, activate and watch edge plugins here. */
  plugins: EdgePlugins;
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
  if (options.devices && options.writer) {
    throw new HengError('invalid_input', 'startEdge takes devices or a writer, not both');
  }
  // Checked before anything opens: a bad devices list leaves nothing to clean up.
  const devices = options.devices
    ? await SiteDevices.open({ devices: options.devices })
    : undefined;
  const dataDir = path.resolve(options.dataDir);
  const control = await openDatabase(dataDir, 'control');
  const local = await openDatabase(dataDir, 'local');
  const segments = new SegmentedTelemetry(path.join(dataDir, 'telemetry'));
  const bus = new EventBus();
  const plugins = new EdgePlugins({ site: options.site, control, local, bus });
  const telemetry = new TelemetryStore({
    site: options.site,
    segment: (name) => segments.segment(name),
    // Every reading the site takes (poller or flow) reaches the plugins whose grant covers it.
    onAppend: (device, reading) => void plugins.deliver(device, reading),
  });
  const services: SiteServices = { site: options.site, telemetry, bus };
  const commands = new CommandProcessor({
    db: control,
    site: options.site,
    writer: options.writer ?? devices ?? noDevices,
  });
  await commands.start();
  const close = async () => {
    await plugins.dispose();
    await commands.close();
    await devices?.dispose();
    await telemetry.close();
    bus.dispose();
    await segments.close();
    await control.close();
    await local.close();
  };
  let editor: RunningEditor;
  try {
    editor = await startEditor({
      site: options.site,
      control,
      local,
      dataDir: path.join(dataDir, 'node-red'),
      port: options.port ?? 1880,
      nodesDirs: paletteFolders(),
      services,
    });
  } catch (error) {
    // The device lines may be connected by then (a waiting command): close all, or they hold
    // the process open.
    await close();
    throw error;
  }
  devices?.startPolling({
    store: telemetry,
    ...(options.onReadings ? { onReadings: options.onReadings } : {}),
  });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await editor.stop();
      await close();
    })();
    return stopped;
  };
  return {
    site: options.site,
    editor,
    services,
    segments,
    control,
    devices,
    plugins,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
