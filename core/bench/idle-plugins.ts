/** @module Child process of the memory benchmark: activates N idle plugins and prints RSS. */
import { loadQuickJS } from '../src/sandbox/index.ts';
import { bundle, manifest, newHost } from './fixtures.ts';

const count = Number(process.argv[2] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const host = newHost();
await loadQuickJS();
// One plugin first, so the shared WebAssembly module and code paths are loaded before measuring.
await host.install({ manifest: manifest('city.heng.warm'), bundle });
await host.activate('city.heng.warm');
gc();
const rssBefore = process.memoryUsage().rss;
for (let i = 0; i < count; i++) {
  const id = `city.heng.idle${i}`;
  await host.install({ manifest: manifest(id), bundle });
  await host.activate(id);
}
gc();
const rssAfter = process.memoryUsage().rss;
let heap = 0;
for (let i = 0; i < count; i++) heap += host.running(`city.heng.idle${i}`)!.sandbox.memoryUsed();
process.stdout.write(JSON.stringify({ count, rssBefore, rssAfter, heapPerPlugin: heap / count }));
await host.dispose();
