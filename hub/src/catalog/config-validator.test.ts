import { readFileSync } from 'node:fs';
import { type Issue, issuesFromAjv, type PluginManifest, validateAgainst } from '@heng/schemas';
import type { ErrorObject } from 'ajv';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import {
  type CatalogApp,
  lampsManifest,
  makePackage,
  openCatalogApp,
  vendorKey,
} from './catalog.fixture.ts';
import { ConfigValidators, configValidatorSource } from './config-validator.ts';

// Read as data, not imported: the hub does not depend on the plugins.
const streetLighting = JSON.parse(
  readFileSync(
    new URL('../../../plugins/street-lighting/heng.plugin.json', import.meta.url),
    'utf8',
  ),
) as PluginManifest;
const schema = streetLighting.config as Record<string, unknown>;

type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Loads a module's source as the browser would: as an ES module, with nothing to import. */
async function load(source: string): Promise<Validate> {
  const mod = await import(`data:text/javascript,${encodeURIComponent(source)}`);
  return mod.default as Validate;
}

/** What the hub says of a value at install: [] when valid, else its issues. */
function hubIssues(value: unknown): Issue[] {
  try {
    validateAgainst(schema, value, 'config');
    return [];
  } catch (err) {
    return (err as { issues: Issue[] }).issues;
  }
}

const VALID: unknown[] = [
  {},
  { plan: [{ from: '00:00', level: 0 }], utcOffsetMinutes: -720, faultLevel: 1 },
  {
    plan: [
      { from: '18:00', level: 100 },
      { from: '23:59', level: 50 },
    ],
    controlPoints: ['lighting-01/+/dimming', '#'],
    energyReportMinutes: 1440,
  },
];

const INVALID: unknown[] = [
  null,
  [],
  { plan: [] },
  { plan: [{ from: '24:00', level: 30 }] },
  { plan: [{ from: '7:00', level: 101 }] },
  { plan: [{ level: 30 }] },
  { plan: [{ from: '01:00', level: 30.5, extra: true }] },
  { utcOffsetMinutes: '480' },
  { utcOffsetMinutes: 900, faultLevel: 0 },
  { controlPoints: [] },
  { controlPoints: ['a//b'] },
  { energyReportMinutes: 0, colour: 'red' },
];

describe('configValidatorSource', () => {
  test('makes a module that imports nothing and compiles no code at run time', async () => {
    const source = await configValidatorSource(schema);
    // A statement or call, not text inside a string (ajv keeps `require("…")` in `.code` strings).
    expect(source).not.toMatch(/(^|[;}])\s*import\s*[\s{*"'(]|[^'"\w.]import\s*\(/);
    expect(source).not.toMatch(/[^'"\w.]require\s*\(|new Function|\beval\s*\(/);
    expect(source).toMatch(/export\s*\{[^}]*as default\s*\}|export default/);
  });

  test("validates the street-lighting settings like the hub's validateAgainst", async () => {
    const validate = await load(await configValidatorSource(schema));
    for (const value of [...VALID, ...INVALID]) {
      const valid = validate(value);
      const expected = hubIssues(value);
      expect({ value, valid }).toEqual({ value, valid: expected.length === 0 });
      expect(valid ? [] : issuesFromAjv(validate.errors)).toEqual(expected);
    }
  });

  test('reports ajv errors with keyword, path and params for the form to place', async () => {
    const validate = await load(await configValidatorSource(schema));
    expect(validate({ plan: [{ from: '25:00', level: 30 }] })).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({
        keyword: 'pattern',
        instancePath: '/plan/0/from',
        params: { pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
      }),
    ]);
  });

  test('bundles the formats a schema uses', async () => {
    const validate = await load(
      await configValidatorSource({
        type: 'object',
        properties: { from: { type: 'string', format: 'date-time' } },
      }),
    );
    expect(validate({ from: '2026-11-28T19:00:00Z' })).toBe(true);
    expect(validate({ from: 'tomorrow' })).toBe(false);
  });

  test('refuses a schema with an unknown keyword, as the hub does', async () => {
    await expect(
      configValidatorSource({ type: 'object', properties: { a: { type: 'integer', minimun: 1 } } }),
    ).rejects.toMatchObject({ code: 'invalid_manifest' });
  });
});

describe('ConfigValidators', () => {
  test('compiles once per digest', async () => {
    const validators = new ConfigValidators();
    const pkg = { plugin: { digest: 'sha256-a' }, configSchema: schema };
    const first = validators.moduleFor(pkg);
    expect(validators.moduleFor({ ...pkg })).toBe(first);
    expect(validators.moduleFor({ plugin: { digest: 'sha256-b' } })).not.toBe(first);
    const empty = await load(await validators.moduleFor({ plugin: { digest: 'sha256-b' } }));
    expect(empty({})).toBe(true);
    expect(empty({ anything: 1 })).toBe(false);
  });
});

describe.each(STORE_TARGETS)(
  'GET /api/catalog/packages/:id/:version/config-validator.js on $name',
  (target: StoreTarget) => {
    let t: CatalogApp;
    beforeEach(async (context) => {
      if (target.skip) return context.skip(target.skip);
      t = await openCatalogApp(target);
      const key = await vendorKey();
      expect((await t.call('POST', '/api/catalog/keys', { publicKey: key.pub })).status).toBe(201);
      const manifest = { ...lampsManifest('1.0.0'), config: streetLighting.config };
      const bytes = await makePackage(manifest as PluginManifest, key.priv);
      expect((await t.call('POST', '/api/catalog/packages', bytes, 'vendor')).status).toBe(201);
    });
    afterEach(async () => t?.close());

    const path = '/api/catalog/packages/com.example.lamps/1.0.0/config-validator.js';

    test('serves the validator module to a catalog reader', async () => {
      const res = await t.call('GET', path, undefined, 'vendor');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(res.headers.get('etag')).toMatch(/^"sha256/);
      const validate = await load(await res.text());
      expect(validate({ faultLevel: 2 })).toBe(true);
      expect(validate({ faultLevel: 5 })).toBe(false);
    });

    test('refuses a principal without catalog:read, and an unknown package', async () => {
      expect((await t.call('GET', path, undefined, 'operator')).status).toBe(403);
      const missing = await t.call(
        'GET',
        '/api/catalog/packages/com.example.lamps/9.9.9/config-validator.js',
      );
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe('not_found');
    });
  },
);
