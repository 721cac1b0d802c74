/**
 * @module `npm start`: a demo city in one process, until the hub replaces it. Builds the plugins in
 * plugins/*, installs them into an edge PluginHost (PouchDB on LevelDB under .heng/demo),
 * simulates two lighting sites and serves the plugins' routes on http://127.0.0.1:8080/plugins/….
 *
 * Usage: node scripts/demo.ts [--port 8080] [--data .heng/demo]   (--port 0 picks a free port)
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type AuditEntry,
  createPluginStore,
  ENGINE_VERSION,
  EventBus,
  PluginHost,
  type PointCommand,
  pluginRoutes,
  systemTime,
  type TelemetryReading,
} from '@heng/core';
import { bundlePlugin } from '@heng/sdk/cli';
import { type ServerType, serve } from '@hono/node-server';
import leveldb from 'pouchdb-adapter-leveldb';
import PouchDB from 'pouchdb-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Settings the demo gives each plugin; the rest take their schema's defaults. */
const DEMO_CONFIG: Record<string, unknown> = {
  // Energy reports every minute, so they show up while you watch.
  'city.hengyang.street-lighting': { energyReportMinutes: 1 },
};

/** The simulated city: two lighting sites with a few lamps each. */
const SITES = { 'lighting-01': 4, 'lighting-02': 3 } as const;
const RATED_W = 120;

interface SimLamp {
  site: string;
  device: string;
  level: number;
  fault: boolean;
  /** A commanded level, applied at the next reading, as a real driver would with a delay. */
  pending?: number;
}

const time = () => new Date().toISOString().slice(11, 19);
const say = (line: string) => console.log(`[${time()}] ${line}`);

function simulatedLamps(): SimLamp[] {
  return Object.entries(SITES).flatMap(([site, count]) =>
    Array.from({ length: count }, (_, i) => ({
      site,
      device: `lamp-${String(i + 1).padStart(2, '0')}`,
      level: 100,
      fault: false,
    })),
  );
}

/** One second of the city: lamps follow commands, now and then one fails or is repaired. */
function readingsOf(lamps: SimLamp[]): TelemetryReading[] {
  const ts = new Date().toISOString();
  return lamps.flatMap((lamp) => {
    if (lamp.pending !== undefined) {
      lamp.level = lamp.pending;
      delete lamp.pending;
    }
    if (!lamp.fault && Math.random() < 1 / 300) lamp.fault = true;
    else if (lamp.fault && Math.random() < 1 / 15) lamp.fault = false;
    const jitter = lamp.level > 0 ? Math.round(Math.random() * 4 - 2) : 0;
    const power = lamp.fault ? 0 : Math.max(0, (RATED_W * lamp.level) / 100 + jitter);
    const base = { site: lamp.site, device: lamp.device, quality: 'good' as const, ts };
    return [
      { ...base, point: 'dimming', value: lamp.level, unit: '%' },
      { ...base, point: 'lamp-fault', value: lamp.fault },
      { ...base, point: 'power', value: power, unit: 'W' },
    ];
  });
}

/** Each plugin folder under plugins/, bundled by the SDK as `heng-plugin build` does. */
async function buildPlugins(): Promise<Array<{ dir: string; manifest: unknown; bundle: string }>> {
  const base = join(ROOT, 'plugins');
  const built = [];
  for (const name of (await readdir(base)).sort()) {
    const dir = join(base, name);
    const manifestText = await readFile(join(dir, 'heng.plugin.json'), 'utf8').catch(
      () => undefined,
    );
    if (manifestText === undefined) continue;
    const { code } = await bundlePlugin(dir);
    built.push({ dir, manifest: JSON.parse(manifestText) as unknown, bundle: code });
  }
  return built;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      data: { type: 'string', default: join(ROOT, '.heng/demo') },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port} is not a TCP port`);
  const data = resolve(values.data);
  await mkdir(data, { recursive: true });
  PouchDB.plugin(leveldb);
  const db = new PouchDB(join(data, 'store'), { adapter: 'leveldb' });

  const lamps = simulatedLamps();
  const latest = new Map<string, TelemetryReading>();
  const bus = new EventBus({
    onError: (err) => say(`event delivery failed: ${(err as Error).message}`),
  });
  bus.subscribe('#', (e) =>
    say(`event   ${e.topic}${e.level ? ` (level ${e.level})` : ''}: ${e.title ?? ''}`),
  );
  let sequence = 0;
  const host = new PluginHost({
    engineVersion: ENGINE_VERSION,
    role: 'edge',
    time: systemTime,
    storageFor: (id) => createPluginStore(db, id),
    audit: {
      record: (entry: AuditEntry) => {
        if (entry.outcome !== 'allowed')
          say(
            `audit   ${entry.outcome} ${entry.action} ${entry.target ?? ''}: ${entry.reason ?? ''}`,
          );
      },
    },
    onStateChange: (s) =>
      say(
        `plugin  ${s.id}@${s.version} is ${s.state}${s.lastError ? `: ${s.lastError.message}` : ''}`,
      ),
    ports: {
      events: bus,
      telemetry: { latest: async (path) => latest.get(path) },
      commands: {
        send: async (command: PointCommand) => {
          const id = `cmd-${++sequence}`;
          say(
            `command ${id} ${command.site}/${command.device}/${command.point} = ${command.value} (${command.reason})`,
          );
          const lamp = lamps.find((l) => l.site === command.site && l.device === command.device);
          if (lamp && command.point === 'dimming' && typeof command.value === 'number')
            lamp.pending = command.value;
          return { id, status: lamp ? 'queued' : 'unknown-device' };
        },
      },
      log: (level, message, data) =>
        say(`log     ${level} ${message}${data === undefined ? '' : ` ${JSON.stringify(data)}`}`),
    },
  });

  const installed: string[] = [];
  for (const plugin of await buildPlugins()) {
    const where = relative(ROOT, plugin.dir);
    try {
      const id = (plugin.manifest as { id: string }).id;
      await host.install({
        manifest: plugin.manifest,
        bundle: plugin.bundle,
        config: DEMO_CONFIG[id] ?? {},
      });
      await host.activate(id);
      installed.push(id);
    } catch (err) {
      say(`could not install ${where}: ${(err as Error).message}`);
    }
  }

  /** Delivers one second's readings, in order. */
  const tick = async () => {
    for (const reading of readingsOf(lamps)) {
      latest.set(`${reading.site}/${reading.device}/${reading.point}`, reading);
      await host.deliverTelemetry(reading);
    }
  };
  // The first second before listening, so the routes have lamps to show from the start.
  await tick();
  let ticking = Promise.resolve();
  // Chained, so a slow second never overlaps the next one.
  const timer = setInterval(() => {
    ticking = ticking
      .then(tick)
      .catch((err: unknown) => say(`readings not delivered: ${(err as Error).message}`));
  }, 1000);

  const app = pluginRoutes({ resolve: (id) => host.running(id) });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${port} is in use; pick another with --port`)
          : err,
      ),
    );
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  say(`Heng demo city: ${Object.keys(SITES).join(', ')} (${lamps.length} lamps), data in ${data}`);
  say(`listening on ${url}`);
  for (const id of installed) {
    for (const route of host.running(id)?.routes ?? [])
      say(`  ${route.method} ${url}/plugins/${id}${route.path}`);
  }
  say('Ctrl-C stops the demo');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    clearInterval(timer);
    await ticking;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
    await host.dispose();
    bus.dispose();
    await db.close();
    say('stopped');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main().catch((err: unknown) => {
  console.error(`demo: ${(err as Error).message}`);
  process.exit(1);
});
