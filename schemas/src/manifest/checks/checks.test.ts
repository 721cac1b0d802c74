import { describe, expect, test } from 'vitest';
import { examples } from '../../../examples/index.ts';
import type { PluginManifest } from '../../../generated/types.ts';
import { PLATFORM_CEILINGS } from '../limits.ts';
import type { ManifestCheck } from '../types.ts';
import {
  commandScopeBroad,
  configSchemaCompiles,
  duplicateCapability,
  duplicateEntries,
  enginesRange,
  hubCommandReason,
  limitsCeiling,
  localNetworkReason,
  netFetchBroadWildcard,
  netFetchPrivateHost,
  scheduleNameClash,
  uiPanelUndeclared,
  uiPanelUnpermitted,
  versionNormalized,
  wildcardHashLast,
} from './index.ts';

const base = examples.manifest!.valid['minimal.json'] as PluginManifest;
const context = { ceilings: { ...PLATFORM_CEILINGS } };

function manifest(extra: Partial<PluginManifest>): PluginManifest {
  return { ...structuredClone(base), ...structuredClone(extra) };
}

function run(check: ManifestCheck, m: PluginManifest) {
  return check.check(m, context);
}

/** Applies the first fixable finding until none is left, as fixManifest does. */
function fixAll(check: ManifestCheck, m: PluginManifest): PluginManifest {
  for (let i = 0; i < 50; i++) {
    const finding = run(check, m).find((f) => f.fix);
    if (!finding?.fix) return m;
    finding.fix(m);
  }
  throw new Error(`${check.id} never settles`);
}

describe('duplicate-capability', () => {
  test('merges two telemetry:read permissions into the first, keeping every point once', () => {
    const m = manifest({
      permissions: [
        { capability: 'telemetry:read', points: ['+/+/dimming'], reason: 'Levels' },
        { capability: 'storage' },
        { capability: 'telemetry:read', points: ['+/+/power', '+/+/dimming'], reason: 'Power' },
      ],
    });
    expect(run(duplicateCapability, m).map((f) => f.path)).toEqual(['/permissions/2']);
    expect(fixAll(duplicateCapability, m).permissions).toEqual([
      {
        capability: 'telemetry:read',
        points: ['+/+/dimming', '+/+/power'],
        reason: 'Levels; Power',
      },
      { capability: 'storage' },
    ]);
  });

  test('keeps command:write permissions with different rates apart', () => {
    const m = manifest({
      permissions: [
        {
          capability: 'command:write',
          points: ['+/+/dimming'],
          rate: { count: 60, perSeconds: 60 },
        },
        {
          capability: 'command:write',
          points: ['+/+/circuit-1'],
          rate: { count: 1, perSeconds: 60 },
        },
      ],
    });
    expect(run(duplicateCapability, m)).toEqual([]);
  });

  test('merges two storage permissions into the larger quota', () => {
    const m = manifest({
      permissions: [{ capability: 'storage' }, { capability: 'storage', quotaKiB: 4096 }],
    });
    expect(fixAll(duplicateCapability, m).permissions).toEqual([
      { capability: 'storage', quotaKiB: 4096 },
    ]);
  });
});

describe('duplicate-entries', () => {
  test('finds a repeated host and removes the repeat', () => {
    const m = manifest({
      permissions: [
        {
          capability: 'net:fetch',
          hosts: ['api.weather.example', 'tiles.example', 'api.weather.example'],
        },
      ],
    });
    const [finding] = run(duplicateEntries, m);
    expect(finding?.path).toBe('/permissions/0/hosts/2');
    expect(finding?.message).toBe(
      'repeats "api.weather.example" (already at /permissions/0/hosts/0)',
    );
    expect(fixAll(duplicateEntries, m).permissions).toEqual([
      { capability: 'net:fetch', hosts: ['api.weather.example', 'tiles.example'] },
    ]);
  });

  test('treats routes with the same method and path as repeats', () => {
    const route = { method: 'GET' as const, path: '/status' };
    const m = manifest({
      permissions: [{ capability: 'http:route', routes: [route, { ...route }] }],
    });
    expect(fixAll(duplicateEntries, m).permissions).toEqual([
      { capability: 'http:route', routes: [route] },
    ]);
  });
});

describe('schedule-name-clash', () => {
  test('refuses one schedule name with two intervals', () => {
    const m = manifest({
      permissions: [
        {
          capability: 'schedule',
          schedules: [
            { name: 'lamp-check', everySeconds: 300 },
            { name: 'lamp-check', everySeconds: 600 },
          ],
        },
      ],
    });
    expect(run(scheduleNameClash, m).map((f) => f.path)).toEqual([
      '/permissions/0/schedules/1/everySeconds',
    ]);
  });
});

describe('ui panels', () => {
  const ui = { panels: [{ id: 'lamp-map', title: 'Lamp map', entry: 'ui/lamp-map.html' }] };

  test('a ui:panel permission may not name an undeclared panel, and has no fix', () => {
    const m = manifest({
      ui,
      permissions: [{ capability: 'ui:panel', panels: ['lamp-map', 'energy'] }],
    });
    const findings = run(uiPanelUndeclared, m);
    expect(findings).toEqual([
      {
        path: '/permissions/0/panels/1',
        message: 'names panel "energy", which ui.panels does not declare (declared: lamp-map)',
      },
    ]);
    expect(uiPanelUndeclared.severity).toBe('error');
  });

  test('a declared panel without a ui:panel permission is a warning', () => {
    expect(run(uiPanelUnpermitted, manifest({ ui })).map((f) => f.path)).toEqual([
      '/ui/panels/0/id',
    ]);
    expect(uiPanelUnpermitted.severity).toBe('warning');
    expect(
      run(
        uiPanelUnpermitted,
        manifest({ ui, permissions: [{ capability: 'ui:panel', panels: ['lamp-map'] }] }),
      ),
    ).toEqual([]);
  });
});

describe('hub-command-reason', () => {
  const command = {
    capability: 'command:write' as const,
    points: ['+/+/run'],
    rate: { count: 1, perSeconds: 60 },
  };

  test('warns when a hub plugin commands devices without a reason', () => {
    expect(
      run(hubCommandReason, manifest({ runsOn: ['edge', 'hub'], permissions: [command] })).map(
        (f) => f.path,
      ),
    ).toEqual(['/permissions/0/reason']);
  });

  test('is quiet for edge-only plugins and for a given reason', () => {
    expect(run(hubCommandReason, manifest({ runsOn: ['edge'], permissions: [command] }))).toEqual(
      [],
    );
    expect(
      run(
        hubCommandReason,
        manifest({
          runsOn: ['hub'],
          permissions: [{ ...command, reason: 'Starts standby pumps' }],
        }),
      ),
    ).toEqual([]);
  });
});

describe('wildcard-hash-last', () => {
  test('refuses "#" before the last segment of points and topics', () => {
    const m = manifest({
      permissions: [
        { capability: 'telemetry:read', points: ['lighting-01/#', 'lighting-01/#/dimming'] },
        { capability: 'events:subscribe', topics: ['incident/#', '#/opened'] },
      ],
    });
    expect(run(wildcardHashLast, m).map((f) => f.path)).toEqual([
      '/permissions/0/points/1',
      '/permissions/1/topics/1',
    ]);
  });
});

describe('net:fetch hosts', () => {
  const local: Array<[string, string]> = [
    ['10.1.2.3', 'private range 10.0.0.0/8'],
    ['172.20.0.1:8080', 'private range 172.16.0.0/12'],
    ['192.168.1.20', 'private range 192.168.0.0/16'],
    ['127.0.0.1', 'loopback range 127.0.0.0/8'],
    ['2130706433', 'loopback range 127.0.0.0/8'],
    ['0x7f.0.0.1', 'loopback range 127.0.0.0/8'],
    ['169.254.169.254', 'link-local range 169.254.0.0/16'],
    ['[::1]', 'loopback address ::1'],
    ['[fd12:3456::1]', 'unique-local range fc00::/7'],
    ['[fe80::1]:8080', 'link-local range fe80::/10'],
    ['[::ffff:192.168.0.1]', 'private range 192.168.0.0/16'],
    ['localhost', 'local name ".localhost"'],
    ['plc.site.local', 'local name ".local"'],
  ];
  for (const [host, reason] of local) {
    test(`refuses ${host} as a host on the local network`, () => {
      expect(localNetworkReason(host)).toBe(reason);
    });
  }

  for (const host of ['api.weather.example', '8.8.8.8', '*.example.org', '[2001:db8::1]:443']) {
    test(`accepts ${host} as public`, () => {
      expect(localNetworkReason(host)).toBeUndefined();
    });
  }

  test('net-fetch-private-host reports the host with its range', () => {
    const m = manifest({
      permissions: [{ capability: 'net:fetch', hosts: ['api.weather.example', '192.168.1.20'] }],
    });
    const [finding] = run(netFetchPrivateHost, m);
    expect(finding?.path).toBe('/permissions/0/hosts/1');
    expect(finding?.message).toContain('"192.168.1.20" is in the private range 192.168.0.0/16');
    expect(finding?.fix).toBeUndefined();
  });

  test('net-fetch-broad-wildcard refuses a wildcard on a top-level domain', () => {
    const m = manifest({
      permissions: [{ capability: 'net:fetch', hosts: ['*.org', '*.weather.example'] }],
    });
    expect(run(netFetchBroadWildcard, m).map((f) => f.path)).toEqual(['/permissions/0/hosts/0']);
  });
});

describe('limits-ceiling', () => {
  test('clamps limits above the ceiling and below the floor', () => {
    const m = manifest({ limits: { memoryMiB: 128, stackKiB: 8, callTimeoutMs: 50 } });
    expect(run(limitsCeiling, m).map((f) => `${f.path}: ${f.message}`)).toEqual([
      '/limits/memoryMiB: asks for 128, above the ceiling of 64',
      '/limits/stackKiB: asks for 8, below the floor of 16',
    ]);
    expect(fixAll(limitsCeiling, m).limits).toEqual({
      memoryMiB: 64,
      stackKiB: 16,
      callTimeoutMs: 50,
    });
  });

  test("uses a deployment's lower ceilings", () => {
    const m = manifest({ limits: { memoryMiB: 32 } });
    const findings = limitsCeiling.check(m, { ceilings: { ...PLATFORM_CEILINGS, memoryMiB: 16 } });
    expect(findings.map((f) => f.fixText)).toEqual(['set it to 16']);
  });
});

describe('engines-range', () => {
  test('refuses something that is not a semver range', () => {
    expect(
      run(enginesRange, manifest({ engines: { heng: 'zero point one' } })).map((f) => f.path),
    ).toEqual(['/engines/heng']);
    expect(run(enginesRange, manifest({ engines: { heng: '>=0.1.0 <2 || ^3' } }))).toEqual([]);
  });
});

describe('version-normalized', () => {
  test('strips a leading "v" and spaces', () => {
    const m = manifest({ version: ' v1.2.0' });
    expect(run(versionNormalized, m)[0]?.fixText).toBe('write "1.2.0"');
    expect(fixAll(versionNormalized, m).version).toBe('1.2.0');
  });

  test('leaves a version it cannot read as semver to the schema', () => {
    expect(run(versionNormalized, manifest({ version: '1.2' }))).toEqual([]);
  });
});

describe('config-schema-compiles', () => {
  test('reports a broken settings schema at /config', () => {
    const m = manifest({ config: { type: 'object', properties: { level: { type: 'integr' } } } });
    expect(run(configSchemaCompiles, m).map((f) => f.path)).toEqual([
      '/config/properties/level/type',
    ]);
  });
});

describe('command-scope-broad', () => {
  test('warns about a command pattern that covers every point', () => {
    const rate = { count: 1, perSeconds: 1 };
    const m = manifest({
      permissions: [{ capability: 'command:write', points: ['+/+/dimming', '#'], rate }],
    });
    expect(run(commandScopeBroad, m).map((f) => f.path)).toEqual(['/permissions/0/points/1']);
  });
});
