/**
 * One contract, one home: product code names site documents only through the site-database
 * contract of `@heng/schemas` (`schemas/src/site-databases.ts`). A literal id prefix anywhere
 * else is a second copy that can drift from what the sync gateway allows, so this check fails on
 * one, naming the file and line.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SITE_DOC_KINDS } from '@heng/schemas';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CODE = ['core/src', 'sdk/src', 'edge-node/src', 'edge-node/nodes', 'hub/src', 'shell/src'];
const CONTRACT = 'schemas/src/site-databases.ts';

async function* sources(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* sources(full);
    } else if (/\.(ts|js)$/.test(entry.name) && !/\.(test|fixture)\.ts$/.test(entry.name)) {
      yield full;
    }
  }
}

/** The namespaces of the contract, e.g. `app-install/`, as they would stand in a string literal. */
const prefixes = [...new Set(SITE_DOC_KINDS.map((k) => k.prefix.split('/')[0]))]
  .filter((p) => p !== '' && p !== '_design')
  .map((p) => `${p}/`);
const LITERAL = new RegExp(`['"\`](${prefixes.map((p) => p.replace(/[-/]/g, '\\$&')).join('|')})`);

describe('the site-database contract', () => {
  test('has the namespaces this check looks for', () => {
    expect(prefixes).toEqual(expect.arrayContaining(['app-install/', 'command/', 'event/']));
  });

  test('is the only place that spells a site document id prefix', async () => {
    const found: string[] = [];
    for (const dir of CODE)
      for await (const file of sources(path.join(ROOT, dir))) {
        const lines = (await readFile(file, 'utf8')).split('\n');
        lines.forEach((line, i) => {
          const code = line.trim();
          if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
          if (LITERAL.test(line)) found.push(`${path.relative(ROOT, file)}:${i + 1}: ${code}`);
        });
      }
    expect(found, `use the builders of ${CONTRACT} instead`).toEqual([]);
  });
});
