import { describe, expect, test } from 'vitest';
import { examples } from '../../examples/index.ts';
import type { PluginManifest } from '../../generated/types.ts';
import { HengError, ManifestError } from '../errors.ts';
import { checkManifest, fixManifest, validateManifest } from './run-checks.ts';

const airQuality = examples.manifest!.valid['air-quality-alerts.json'] as PluginManifest;
const nightDimming = examples.manifest!.valid['night-dimming.json'] as PluginManifest;

function thrown(fn: () => unknown): HengError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HengError) return err;
    throw err;
  }
  throw new Error('expected a HengError, nothing was thrown');
}

describe('checkManifest', () => {
  test('finds nothing wrong with a well-made manifest', () => {
    expect(checkManifest(airQuality)).toEqual({ errors: [], warnings: [] });
  });

  test('sorts findings into errors and warnings, each naming its check', () => {
    const m = structuredClone(airQuality);
    m.permissions.push({ capability: 'net:fetch', hosts: ['10.0.0.5'] });
    const { errors, warnings } = checkManifest(m);
    expect(errors.map((e) => [e.check, e.path])).toEqual([
      ['net-fetch-private-host', '/permissions/5/hosts/0'],
    ]);
    expect(warnings.map((w) => [w.check, w.path])).toEqual([
      ['duplicate-capability', '/permissions/5'],
    ]);
  });

  test("applies a deployment's lower ceilings", () => {
    const { errors } = checkManifest(nightDimming, { ceilings: { memoryMiB: 4 } });
    expect(errors.map((e) => e.path)).toEqual(['/limits/memoryMiB']);
  });
});

describe('fixManifest', () => {
  test('repairs what is safe and reports each repair, on a copy', () => {
    const broken = structuredClone(nightDimming) as unknown as Record<string, unknown>;
    broken.version = 'v1.2.0';
    broken.limits = { memoryMiB: 256 };
    broken.permissions = [
      ...nightDimming.permissions,
      { capability: 'telemetry:read', points: ['+/+/dimming', '+/+/lux', '+/+/lux'] },
    ];
    const { manifest, applied } = fixManifest(broken);
    expect(applied).toEqual([
      '/version: write "1.2.0" (version-normalized)',
      '/limits/memoryMiB: set it to 64 (limits-ceiling)',
      '/permissions/4: merge it into /permissions/0 (duplicate-capability)',
    ]);
    expect(manifest.permissions[0]).toMatchObject({
      points: ['+/+/dimming', '+/+/power', 'lighting-01/#', '+/+/lux'],
    });
    expect(validateManifest(manifest).manifest).toBe(manifest);
    expect(broken.version).toBe('v1.2.0');
  });

  test('leaves what has no safe fix to the author', () => {
    const m = structuredClone(airQuality);
    m.permissions[4] = { capability: 'ui:panel', panels: ['aqi-map', 'trend'] };
    const { applied, manifest } = fixManifest(m);
    expect(applied).toEqual([]);
    expect(checkManifest(manifest).errors.map((e) => e.check)).toEqual(['ui-panel-undeclared']);
  });
});

describe('validateManifest', () => {
  test('returns the manifest and its warnings when both passes succeed', () => {
    const m = structuredClone(nightDimming);
    m.runsOn = ['edge', 'hub'];
    delete m.permissions[1]!.reason;
    const { manifest, warnings } = validateManifest(m);
    expect(manifest).toBe(m);
    expect(warnings.map((w) => w.check)).toEqual(['hub-command-reason']);
  });

  test('throws the structural issues first, with the fix that --fix would apply', () => {
    const err = thrown(() =>
      validateManifest({ ...nightDimming, version: 'v1.2.0' }, 'heng.plugin.json'),
    );
    expect(err).toBeInstanceOf(ManifestError);
    expect(err.issues).toEqual([
      {
        path: '/version',
        message: 'must be a semantic version like "1.4.2" (no leading "v") (got "v1.2.0")',
        fix: 'write "1.2.0" (heng-plugin validate --fix)',
      },
    ]);
  });

  test('throws the semantic errors of a structurally valid manifest', () => {
    const m = structuredClone(nightDimming);
    m.permissions[0] = { capability: 'telemetry:read', points: ['lighting-01/#/dimming'] };
    const err = thrown(() => validateManifest(m));
    expect(err.code).toBe('invalid_manifest');
    expect(err.issues?.[0]?.path).toBe('/permissions/0/points/0');
    expect(err.message).toContain('[wildcard-hash-last]');
  });
});
