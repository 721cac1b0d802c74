/**
 * @module `npm run bench`: runs every `<package>/bench/*.bench.ts`, prints one table and writes
 * the results, with the machine they were measured on, to `bench/results/<time>.json`.
 */
import { glob, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Result } from './measure.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv.slice(2);

const files: string[] = [];
for await (const file of glob('{schemas,core,sdk,edge-node,hub,shell}/bench/*.bench.ts', {
  cwd: root,
})) {
  if (only.length === 0 || only.some((o) => file.includes(o))) files.push(file);
}
files.sort();

const results: Array<Result & { file: string }> = [];
for (const file of files) {
  console.log(`\n# ${file}`);
  const module = (await import(pathToFileURL(path.join(root, file)).href)) as {
    default: (report: (r: Result) => void) => Promise<void>;
  };
  await module.default((result) => {
    results.push({ ...result, file });
    console.log(format(result));
  });
}

function num(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2);
}

function format(r: Result): string {
  const goal = r.goal ? `   goal: ${r.goal}` : '';
  const extra = r.extra
    ? `   ${Object.entries(r.extra)
        .map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : v}`)
        .join(' ')}`
    : '';
  if ('ratio' in r) {
    const { median, min, max } = r.ratio;
    return `${r.name}: ${num(r.candidate)} vs baseline ${num(r.baseline)} ${r.unit}; ratio ${median.toFixed(2)} (${min.toFixed(2)}–${max.toFixed(2)})${goal}${extra}`;
  }
  const range = r.min !== undefined ? ` (${num(r.min)}–${num(r.max ?? r.min)})` : '';
  return `${r.name}: ${num(r.value)} ${r.unit}${range}${goal}${extra}`;
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};
const out = path.join(
  root,
  'bench',
  'results',
  `${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
await mkdir(path.dirname(out), { recursive: true });
await writeFile(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`,
);
console.log(`\nmachine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);
console.log(`written: ${path.relative(root, out)}`);
