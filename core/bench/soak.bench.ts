/**
 * @module Soak: hostile plugins that fault at every start (QuickJS aborts while freeing them,
 * endless promise chains, 6 MiB log lines, 1 MiB puts, endless awaits) restarted again and again
 * beside a well-behaved neighbour, against the neighbour alone, in interleaved rounds.
 */
import { compare, median, percentile, type Result } from '../../bench/measure.ts';
import {
  event,
  bundle as neighbourBundle,
  manifest as neighbourManifest,
  newHost,
} from './fixtures.ts';

const CALLS = 60;

/** Each faults while starting, so the host restarts it on its own, with nobody calling it. */
const HOSTILE: Record<string, { activate: string; limits?: object; permissions?: unknown[] }> = {
  abortonfree: {
    // 20,000 promise links: freeing the runtime aborts QuickJS's module every time.
    activate: `let n = 0;
      const f = () => (++n < 20000 ? Promise.resolve().then(f) : Promise.reject(new Error('chain')));
      return f();`,
    limits: { callTimeoutMs: 1000 },
  },
  endlesschain: { activate: 'const f = () => Promise.resolve().then(f); f();' },
  log6mib: { activate: "for (;;) heng.log.info('y'.repeat(6 * 1024 * 1024));" },
  put1mib: {
    activate:
      "for (let i = 0; ; i++) heng.storage.put('k' + i, 'x'.repeat(1 << 20)).catch(() => {});",
    permissions: [{ capability: 'storage', quotaKiB: 64 }],
  },
  awaitloop: {
    activate: "for (;;) { try { await heng.storage.get('k') } catch {} }",
    limits: { asyncTimeoutMs: 200 },
    permissions: [{ capability: 'storage', quotaKiB: 64 }],
  },
};

function hostileManifest(name: string) {
  const spec = HOSTILE[name]!;
  return {
    ...neighbourManifest(`city.heng.soak.${name}`),
    permissions: spec.permissions ?? [],
    limits: spec.limits ?? {},
  };
}

export default async function bench(report: (r: Result) => void): Promise<void> {
  let faults = 0;
  // Restarted a millisecond after every fault, never given up on.
  const host = newHost({
    initialDelayMs: 1,
    maxDelayMs: 1,
    maxFaults: Number.MAX_SAFE_INTEGER,
    windowMs: 1,
  });
  host.onStateChange((status) => {
    if (status.state === 'quarantined') faults++;
  });
  await host.install({ manifest: neighbourManifest(), bundle: neighbourBundle });
  await host.activate('city.heng.bench');
  const names = Object.keys(HOSTILE);
  for (const name of names) {
    const bundle = `export default { async activate({ heng }) { ${HOSTILE[name]!.activate} } };`;
    await host.install({ manifest: hostileManifest(name), bundle });
  }

  // The neighbour's calls arrive as requests do, each on a macrotask of its own, so whatever the
  // host runs meanwhile (hostile entries, restarts, disposals) shows in its latency.
  let unavailable = 0;
  const rounds: Record<'soak' | 'alone', number[]> = { soak: [], alone: [] };
  const neighbour = (kind: 'soak' | 'alone') => async () => {
    const start = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      await new Promise((next) => setTimeout(next, 0));
      const plugin = host.running('city.heng.bench');
      const result = plugin ? await plugin.call('event', event) : undefined;
      if (!result || 'error' in result) unavailable++;
      rounds[kind].push(performance.now() - t);
    }
    return CALLS / ((performance.now() - start) / 1000);
  };
  const hostiles = async (on: boolean) => {
    for (const name of names) {
      const id = `city.heng.soak.${name}`;
      if (on) await host.activate(id);
      else await host.deactivate(id);
    }
  };
  const soak = neighbour('soak');
  const alone = neighbour('alone');
  const rssBefore = process.memoryUsage().rss;
  const result = await compare(
    'neighbour calls beside plugins faulting and restarting',
    'calls/s',
    async () => {
      await hostiles(true);
      try {
        return await soak();
      } finally {
        await hostiles(false);
      }
    },
    alone,
    {
      rounds: 5,
      warmup: 1,
      goal: 'neighbour keeps answering; latency bounded by the hostiles’ deadlines',
    },
  );
  const health = host.sandboxHealth();
  result.extra = {
    p50_ms_soak: median(rounds.soak),
    p99_ms_soak: percentile(rounds.soak, 99),
    p50_ms_alone: median(rounds.alone),
    p99_ms_alone: percentile(rounds.alone, 99),
    hostile_faults: faults,
    modules_lost: health.modulesLost,
    runtimes_abandoned: health.runtimesAbandoned,
    neighbour_unavailable: unavailable,
    rss_growth_MiB: (process.memoryUsage().rss - rssBefore) / 2 ** 20,
  };
  report(result);
  await host.dispose();
}
