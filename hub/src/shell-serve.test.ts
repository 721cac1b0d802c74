import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHub } from './hub.ts';
import { SHELL_CSP, shellRoutes } from './shell-serve.ts';

let dir: string;
const INDEX = '<!doctype html><script type="module" src="./app-ABCD1234.js"></script>';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-shell-'));
  await writeFile(path.join(dir, 'index.html'), INDEX);
  await writeFile(path.join(dir, 'app-ABCD1234.js'), 'export {};');
  await writeFile(path.join(dir, 'notes.txt'), 'not an asset');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('shellRoutes', () => {
  test('serves index.html at / with the strict policy and revalidation', async () => {
    const res = await shellRoutes({ dir }).request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(SHELL_CSP);
    expect(SHELL_CSP).toContain("script-src 'self'");
    expect(SHELL_CSP).not.toContain('unsafe');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  test('answers 304 to a browser that has the same index', async () => {
    const app = shellRoutes({ dir });
    const etag = (await app.request('/')).headers.get('etag')!;
    const again = await app.request('/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  test('caches content-hashed assets for good', async () => {
    const res = await shellRoutes({ dir }).request('/app-ABCD1234.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  test('serves nothing outside its folder or of another kind', async () => {
    const app = shellRoutes({ dir });
    expect((await app.request('/notes.txt')).status).toBe(404);
    expect((await app.request('/missing-ABCD1234.js')).status).toBe(404);
    expect((await app.request('/..%2Fpasswd.js')).status).toBe(404);
    expect((await app.request('/.hidden.js')).status).toBe(404);
  });
});

test('the hub serves the shell beside its API when given the folder', async () => {
  const data = await mkdtemp(path.join(os.tmpdir(), 'heng-hub-shell-'));
  const hub = await startHub({ port: 0, dataDir: data, shellDir: dir });
  try {
    const page = await fetch(`${hub.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX);
    const health = await fetch(`${hub.url}/api/health`);
    expect(health.status).toBe(200);
    // Names under /api stay the API's, even when they look like an asset.
    const api = await fetch(`${hub.url}/api/app-ABCD1234.js`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/json/);
  } finally {
    await hub.close();
    await rm(data, { recursive: true, force: true });
  }
});
