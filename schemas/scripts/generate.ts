/**
 * @module `node schemas/scripts/generate.ts` writes the generated files of @heng/schemas;
 * with `--check` it writes nothing and exits 1 when a committed file is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { renderExamplesIndex } from './render-examples-index.ts';
import { renderTypes } from './render-types.ts';

const targets: Array<{ path: string; render: () => Promise<string> }> = [
  { path: 'schemas/generated/types.ts', render: renderTypes },
  { path: 'schemas/examples/index.ts', render: renderExamplesIndex },
];

const root = new URL('../../', import.meta.url);
const check = process.argv.includes('--check');
let stale = 0;

for (const target of targets) {
  const url = new URL(target.path, root);
  const wanted = await target.render();
  const current = await readFile(url, 'utf8').catch(() => undefined);
  if (current === wanted) continue;
  if (check) {
    stale++;
    console.error(
      `${target.path} is ${current === undefined ? 'missing' : 'stale'}: it no longer matches the schemas and examples. Run \`npm run generate\` and commit the result.`,
    );
  } else {
    await writeFile(url, wanted);
    console.log(`wrote ${target.path}`);
  }
}

if (check && stale === 0) console.log('generated files are current');
process.exitCode = stale > 0 ? 1 : 0;
