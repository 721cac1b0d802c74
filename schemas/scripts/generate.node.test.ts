import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { renderExamplesIndex } from './render-examples-index.ts';
import { renderTypes } from './render-types.ts';

const read = (path: string) => readFile(new URL(path, import.meta.url), 'utf8');

describe('generated files', () => {
  test('schemas/generated/types.ts matches the schemas (run `npm run generate` if not)', async () => {
    expect(await renderTypes()).toBe(await read('../generated/types.ts'));
  });

  test('schemas/examples/index.ts lists every example file (run `npm run generate` if not)', async () => {
    expect(await renderExamplesIndex()).toBe(await read('../examples/index.ts'));
  });
});
