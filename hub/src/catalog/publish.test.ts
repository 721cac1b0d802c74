import { unzipSync, zipSync } from 'fflate';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HubEnv } from '../api/env.ts';
import { STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import {
  type CatalogApp,
  lampsManifest,
  makePackage,
  openCatalogApp,
  RecordingAudit,
  vendorKey,
} from './catalog.fixture.ts';
import { catalogRoutes } from './routes.ts';
import { Catalog } from './service.ts';

/** The archive with one file's bytes swapped, its signature and manifest left as they were. */
function replaceEntry(zip: Uint8Array, path: string, bytes: Uint8Array): Uint8Array {
  const entries = unzipSync(zip);
  entries[path] = new Uint8Array(bytes);
  return zipSync(entries);
}

describe.each(STORE_TARGETS)('trusted keys and publishing on $name', (target: StoreTarget) => {
  let t: CatalogApp;
  let key: Awaited<ReturnType<typeof vendorKey>>;
  beforeEach(async (context) => {
    if (target.skip) return context.skip(target.skip);
    t = await openCatalogApp(target);
    key = await vendorKey();
  });
  afterEach(async () => t?.close());

  const trust = async () =>
    expect(
      (await t.call('POST', '/api/catalog/keys', { publicKey: key.pub, name: 'Example' })).status,
    ).toBe(201);

  test("trusts a key under the id it computes, and refuses a kid that is not the key's", async () => {
    const res = await t.call('POST', '/api/catalog/keys', {
      publicKey: { ...key.pub, kid: undefined },
    });
    expect(res.status).toBe(201);
    expect((await res.json()).key).toMatchObject({ keyId: key.id, addedBy: 'admin' });
    const other = await vendorKey();
    const lying = await t.call('POST', '/api/catalog/keys', {
      publicKey: { ...other.pub, kid: key.id },
    });
    expect(lying.status).toBe(400);
    expect((await lying.json()).error.message).toMatch(/is not this key's id/);
    const list = await (await t.call('GET', '/api/catalog/keys', undefined, 'vendor')).json();
    expect(list.keys.map((k: { keyId: string }) => k.keyId)).toEqual([key.id]);
  });

  test('lets only an administrator trust a key', async () => {
    const res = await t.call('POST', '/api/catalog/keys', { publicKey: key.pub }, 'vendor');
    expect(res.status).toBe(403);
    expect(await (await t.call('GET', '/api/catalog/keys')).json()).toEqual({ keys: [] });
  });

  test('publishes a signed package with its manifest summary and the archive attached', async () => {
    await trust();
    const bytes = await makePackage(lampsManifest('1.0.0'), key.priv);
    const res = await t.call('POST', '/api/catalog/packages', bytes, 'vendor');
    expect(res.status).toBe(201);
    const { package: entry } = await res.json();
    expect(entry).toMatchObject({
      plugin: {
        id: 'com.example.lamps',
        version: '1.0.0',
        digest: expect.stringMatching(/^sha256-/),
      },
      name: 'Lamps',
      runsOn: ['edge'],
      keyId: key.id,
      publisher: 'vendor',
      configSchema: { type: 'object' },
    });
    expect(entry.permissions).toHaveLength(2);
    const stored = await t.couch
      .db('heng-hub')
      .attachment.get('package/com.example.lamps@1.0.0', 'package.hpkg');
    expect(new Uint8Array(stored)).toEqual(bytes);
    expect(t.audit.entries.at(-1)).toMatchObject({
      actor: 'user:vendor',
      action: 'catalog.publish',
      outcome: 'ok',
    });
    const again = await t.call('POST', '/api/catalog/packages', bytes, 'vendor');
    expect(again.status).toBe(200);
    const listed = await (await t.call('GET', '/api/catalog/packages', undefined, 'vendor')).json();
    expect(listed.packages).toHaveLength(1);
    const one = await t.call(
      'GET',
      '/api/catalog/packages/com.example.lamps/1.0.0',
      undefined,
      'vendor',
    );
    expect((await one.json()).package.keyId).toBe(key.id);
  });

  test('refuses an unsigned package with signature_invalid and stores nothing', async () => {
    await trust();
    const before = await t.snapshot('heng-hub');
    const res = await t.call(
      'POST',
      '/api/catalog/packages',
      await makePackage(lampsManifest('1.0.0')),
      'vendor',
    );
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({
      code: 'signature_invalid',
      message: expect.stringMatching(/not signed/),
    });
    expect(await t.snapshot('heng-hub')).toEqual(before);
    expect(t.audit.entries.at(-1)).toMatchObject({
      action: 'catalog.publish',
      outcome: 'refused',
      detail: { code: 'signature_invalid' },
    });
  });

  test('refuses a tampered package with digest_mismatch naming the file, and stores nothing', async () => {
    await trust();
    const signed = await makePackage(lampsManifest('1.0.0'), key.priv);
    const tampered = replaceEntry(signed, 'dist/plugin.js', new TextEncoder().encode('steal()'));
    const before = await t.snapshot('heng-hub');
    const res = await t.call('POST', '/api/catalog/packages', tampered, 'vendor');
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({
      code: 'digest_mismatch',
      message: expect.stringContaining('dist/plugin.js'),
    });
    expect(await t.snapshot('heng-hub')).toEqual(before);
  });

  test('refuses a package signed by a key the hub does not trust', async () => {
    const before = await t.snapshot('heng-hub');
    const res = await t.call(
      'POST',
      '/api/catalog/packages',
      await makePackage(lampsManifest('1.0.0'), key.priv),
      'vendor',
    );
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({
      code: 'untrusted_key',
      message: expect.stringContaining(key.id),
    });
    expect(await t.snapshot('heng-hub')).toEqual(before);
  });

  test('refuses other bytes under a published id@version as a conflict', async () => {
    await trust();
    await t.call(
      'POST',
      '/api/catalog/packages',
      await makePackage(lampsManifest('1.0.0'), key.priv),
      'vendor',
    );
    const other = await makePackage(
      { ...lampsManifest('1.0.0'), description: 'changed' },
      key.priv,
    );
    const res = await t.call('POST', '/api/catalog/packages', other, 'vendor');
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/already published/);
  });

  test('refuses a package that is not octet-stream, or over the size cap', async () => {
    await trust();
    const bytes = await makePackage(lampsManifest('1.0.0'), key.priv);
    const wrongType = await t.call(
      'POST',
      '/api/catalog/packages',
      bytes,
      'vendor',
      'application/zip',
    );
    expect(wrongType.status).toBe(400);
    // A catalog with a 100-byte cap over the same store: the body is refused as it streams in.
    const audit = new RecordingAudit();
    const app = new Hono<HubEnv>();
    app.use('*', async (c, next) => {
      c.set('principal', { kind: 'user', id: 'vendor', roles: ['vendor'], clearance: 'internal' });
      await next();
    });
    const deps = { couch: t.couch, audit, maxPackageBytes: 100 };
    app.route(
      '/api',
      catalogRoutes({
        ...deps,
        catalog: new Catalog(deps),
        requireAbility: () => async (_c, next) => next(),
      }),
    );
    const res = await app.request('/api/catalog/packages', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    expect(audit.entries.at(-1)).toMatchObject({ action: 'catalog.publish', outcome: 'refused' });
  });
});
