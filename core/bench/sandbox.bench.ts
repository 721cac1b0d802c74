/**
 * @module Core benchmarks: event dispatch into a plugin against a bare quickjs-emscripten call of
 * the same function, plugin cold start, and memory of idle plugins (measured in a child process).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { compare, median, percentile, type Result, rate } from '../../bench/measure.ts';
import { loadQuickJS } from '../src/sandbox/index.ts';
import { bundle, event, manifest, newHost } from './fixtures.ts';

const CALLS = 20_000;

export default async function bench(report: (r: Result) => void): Promise<void> {
  const module = await loadQuickJS();

  // Baseline: the bare library doing the same work, a JSON reading in and a number out.
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(16 * 1024 * 1024);
  const vm = runtime.newContext();
  const fn = vm.unwrapResult(vm.evalCode('(json) => JSON.parse(json).payload.value * 2'));
  const bare = () =>
    rate(CALLS, () => {
      const arg = vm.newString(JSON.stringify(event));
      const out = vm.callFunction(fn, vm.undefined, arg);
      arg.dispose();
      const value = vm.unwrapResult(out);
      vm.getNumber(value);
      value.dispose();
    });

  const host = newHost();
  await host.install({ manifest: manifest(), bundle });
  await host.activate('city.heng.bench');
  const plugin = host.running('city.heng.bench')!;
  const latencies: number[] = [];
  const heng = () =>
    rate(CALLS, async () => {
      const t = performance.now();
      await plugin.call('event', event);
      latencies.push(performance.now() - t);
    });
  const dispatch = await compare('event dispatch to a plugin', 'events/s', heng, bare, {
    goal: '≥ 0.5 of bare',
  });
  dispatch.extra = { p99_us: percentile(latencies, 99) * 1000, p50_us: median(latencies) * 1000 };
  report(dispatch);

  fn.dispose();
  vm.dispose();
  runtime.dispose();

  // Cold start: install (all checks) and activate, against a bare runtime + context + module eval.
  const coldHeng: number[] = [];
  const coldBare: number[] = [];
  for (let i = 0; i < 50; i++) {
    let t = performance.now();
    const rt = module.newRuntime();
    rt.setMemoryLimit(16 * 1024 * 1024);
    const ctx = rt.newContext();
    ctx.unwrapResult(ctx.evalCode(bundle, 'p.js', { type: 'module' })).dispose();
    coldBare.push(performance.now() - t);
    ctx.dispose();
    rt.dispose();
    t = performance.now();
    const id = `city.heng.cold${i}`;
    await host.install({ manifest: manifest(id), bundle });
    await host.activate(id);
    coldHeng.push(performance.now() - t);
  }
  report({
    name: 'plugin cold start (install checks + activate)',
    unit: 'ms',
    value: median(coldHeng),
    min: Math.min(...coldHeng),
    max: Math.max(...coldHeng),
    goal: '≤ 20 ms',
    extra: { bare_runtime_context_eval_ms: median(coldBare) },
  });
  await host.dispose();

  // Memory: 200 idle plugins in a fresh process, so nothing measured above is counted.
  const script = fileURLToPath(new URL('./idle-plugins.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', script, '200']);
  const memory = JSON.parse(stdout) as {
    rssBefore: number;
    rssAfter: number;
    heapPerPlugin: number;
    count: number;
  };
  const perPlugin = (memory.rssAfter - memory.rssBefore) / memory.count;
  report({
    name: 'memory per idle plugin (RSS growth / plugins)',
    unit: 'MiB',
    value: perPlugin / 2 ** 20,
    goal: '≤ 2 MiB',
    extra: { quickjs_heap_per_plugin_KiB: memory.heapPerPlugin / 1024 },
  });
  report({
    name: `${memory.count} plugins active on one host (total RSS)`,
    unit: 'MiB',
    value: memory.rssAfter / 2 ** 20,
    extra: { rss_before_MiB: memory.rssBefore / 2 ** 20 },
  });
}
