/**
 * @module One edge site in one process: its databases (control, local), its telemetry store and
 * its retention, its event bus, the embedded Node-RED editor with Heng's palette and the stored
 * readings route, the command processor, the site's Modbus devices (polled into the store,
 * commanded through the processor), the apps from the hub and the replication with it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CleanupStack, EventBus } from '@heng/core';
import { HengError } from '@heng/schemas';
import { EdgeApps, EdgePlugins } from '../apps/index.ts';
import { CommandProcessor, type PointWriter } from '../commands/index.ts';
import { type DeviceEntry, type DeviceReadings, SiteDevices } from '../devices/index.ts';
import { type RunningEditor, serveStoredReadings, startEditor } from '../node-red/index.ts';
import { FlowDevices, type SiteServices, writerOf } from '../palette/index.ts';
import {
  type EdgeDatabase,
  openDatabase,
  SegmentedTelemetry,
  TelemetryStore,
} from '../store/index.ts';
import {
  type Backoff,
  type FinalPushReport,
  finalPushLine,
  type RunningSync,
  type SyncStatus,
  startSync,
  writeEventsToControl,
} from '../sync/index.ts';
import { type RetentionSettings, TelemetryRetention } from './retention.ts';

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
  /**
   * The hub to replicate with, through its sync gateway, with the site's edge token (never
   * logged). Without one the edge runs alone; what it stores replicates once a hub is given.
   */
  hub?: {
    url: URL;
    token: string;
    onStatus?: (status: SyncStatus) => void;
    /** Reconnect backoff (default: 1 s doubling to 60 s); see `SyncOptions.backoff`. */
    backoff?: Backoff;
    /**
     * On `stop()`, how long the last push of what waits may take, ms (default 5000): a reachable
     * hub gets the readings of the last flush now; an unreachable one fails the push at once.
     */
    finalPushMs?: number;
  };
  /**
   * Bounds of the telemetry kept here, enforced at start and hourly (defaults: 90 days, 2 GiB).
   * Only segments the hub has whole are dropped; an edge without a hub drops none it never sent.
   */
  retention?: RetentionSettings;
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
  /** The apps the hub's install records ask for, applied to `plugins`. */
  apps: EdgeApps;
  /** The replication with the hub, when `options.hub` was given. */
  sync: RunningSync | undefined;
  /** The telemetry retention schedule (`run()` enforces the bounds now). */
  retention: TelemetryRetention;
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
  // Everything opened is registered as it opens: a start that fails at any step (a store that
  // will not open, a port in use) closes what it had, last first; the running edge's close is the
  // same list.
  const opened = new CleanupStack();
  try {
    const devices = options.devices
      ? opened.adopt(await SiteDevices.open({ devices: options.devices }), (d) => d.dispose())
      : undefined;
    const dataDir = path.resolve(options.dataDir);
    const control = opened.adopt(await openDatabase(dataDir, 'control'), (db) => db.close());
    const local = opened.adopt(await openDatabase(dataDir, 'local'), (db) => db.close());
    const segments = opened.adopt(new SegmentedTelemetry(path.join(dataDir, 'telemetry')), (t) =>
      t.close(),
    );
    const bus = opened.adopt(new EventBus(), (b) => b.dispose());
    const plugins = opened.adopt(
      new EdgePlugins({
        site: options.site,
        control,
        local,
        bus,
      }),
      (p) => p.dispose(),
    );
    const telemetry = opened.adopt(
      new TelemetryStore({
        site: options.site,
        segment: (name) => segments.segment(name),
        // Every reading the site takes (poller or flow) reaches the plugins whose grant covers it.
        onAppend: (device, reading) => void plugins.deliver(device, reading),
      }),
      (t) => t.close(),
    );
    // Polling stops before the store it writes into closes (dispose is idempotent).
    if (devices) opened.defer(() => devices.dispose());
    // Devices deployed in the flows take commands too, after the devices file's.
    const flowDevices = new FlowDevices();
    const services: SiteServices = { site: options.site, telemetry, bus, devices: flowDevices };
    const commands = opened.adopt(
      new CommandProcessor({
        db: control,
        site: options.site,
        writer: options.writer ?? writerOf(devices, flowDevices),
      }),
      (c) => c.close(),
    );
    await commands.start();
    const apps = opened.adopt(
      new EdgeApps({ site: options.site, control, host: plugins.host }),
      (a) => a.dispose(),
    );
    apps.start();
    opened.adopt(writeEventsToControl({ bus, control, site: options.site }), (e) => e.dispose());
    const sync = options.hub
      ? opened.adopt(
          startSync({
            hub: options.hub.url,
            site: options.site,
            token: options.hub.token,
            control,
            telemetry: segments,
            ...(options.hub.onStatus ? { onStatus: options.hub.onStatus } : {}),
            ...(options.hub.backoff ? { backoff: options.hub.backoff } : {}),
          }),
          (r) => r.dispose(),
        )
      : undefined;
    const edgeLog = {
      info: (message: string) => console.log(`heng-edge: ${message}`),
      warn: (message: string) => console.warn(`heng-edge: ${message}`),
    };
    const retention = opened.adopt(
      new TelemetryRetention({
        segments,
        ...options.retention,
        ...(sync
          ? { isReplicated: (name: string, db: EdgeDatabase) => sync.isReplicated(name, db) }
          : {}),
        log: edgeLog,
      }),
      (r) => r.dispose(),
    );
    // The device lines may be connected by then (a waiting command): a failed editor start closes
    // all, or they hold the process open.
    const editor = await startEditor({
      site: options.site,
      control,
      local,
      dataDir: path.join(dataDir, 'node-red'),
      port: options.port ?? 1880,
      nodesDirs: paletteFolders(),
      services,
    });
    opened.defer(() => editor.stop());
    devices?.startPolling({
      store: telemetry,
      // A device's state changes (stops answering, offline, back), once each, on the edge's output.
      log: edgeLog,
      ...(options.onReadings ? { onReadings: options.onReadings } : {}),
    });
    // On the editor's admin API, so every embedder (not only the CLI) offers `heng-edge readings`
    // its answer: the running edge holds the store's LevelDB lock.
    const readings = opened.adopt(
      serveStoredReadings({ site: options.site, source: segments }),
      (r) => r.dispose(),
    );
    const finalPushMs = options.hub?.finalPushMs ?? 5000;
    const logFinalPush = (report: FinalPushReport) => {
      const line = finalPushLine(report, finalPushMs);
      if (line) edgeLog[line.warn ? 'warn' : 'info'](line.message);
    };
    const running = opened.move();
    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        readings.dispose();
        await editor.stop();
        // The last readings reach the hub before the sync stops, not at the next start: no new
        // readings (flows stopped, then polling), what waits written, then pushed within a bound.
        await devices?.dispose();
        await telemetry.flush();
        if (sync) logFinalPush(await sync.pushPending({ timeoutMs: finalPushMs }));
        await running.disposeAsync();
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
      apps,
      sync,
      retention,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await opened.disposeAsync();
    throw error;
  }
}
