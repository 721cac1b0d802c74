import { describe, expect, test } from 'vitest';
import { examples } from '../../examples/index.ts';
import { HengError, ManifestError, ValidationError } from '../errors.ts';
import {
  assertCommand,
  assertDeviceProfile,
  assertPermission,
  assertPluginManifest,
  assertTelemetryReading,
  isAppInstall,
  isCommand,
  isCommandOutcome,
  isDeviceProfile,
  isHengEvent,
  isPermission,
  isPluginManifest,
  isSite,
  issuesFor,
  isTelemetryBatch,
  isTelemetryReading,
} from './documents.ts';

const manifest = examples.manifest!.valid['night-dimming.json'] as Record<string, unknown>;
const reading = examples['telemetry-reading']!.valid['lamp-dimming.json'] as Record<
  string,
  unknown
>;

function thrown(fn: () => unknown): HengError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HengError) return err;
    throw err;
  }
  throw new Error('expected a HengError, nothing was thrown');
}

describe('guards', () => {
  test('say yes to each schema its valid example and no to an empty object', () => {
    const pairs: Array<[string, (v: unknown) => boolean]> = [
      ['manifest', isPluginManifest],
      ['permission', isPermission],
      ['telemetry-reading', isTelemetryReading],
      ['telemetry-batch', isTelemetryBatch],
      ['event', isHengEvent],
      ['command', isCommand],
      ['command-outcome', isCommandOutcome],
      ['device-profile', isDeviceProfile],
      ['site', isSite],
      ['app-install', isAppInstall],
    ];
    for (const [name, guard] of pairs) {
      const [first] = Object.values(examples[name]!.valid);
      expect(guard(first)).toBe(true);
      expect(guard({})).toBe(false);
    }
  });
});

describe('assertX', () => {
  test('returns the value itself when it is valid', () => {
    expect(assertTelemetryReading(reading)).toBe(reading);
  });

  test('throws a ManifestError with code invalid_manifest for a bad manifest', () => {
    const err = thrown(() =>
      assertPluginManifest({ ...manifest, version: '1.2' }, 'night-dimming/heng.plugin.json'),
    );
    expect(err).toBeInstanceOf(ManifestError);
    expect(err.code).toBe('invalid_manifest');
    expect(err.message).toContain('invalid manifest in night-dimming/heng.plugin.json: /version:');
  });

  test('throws a ValidationError with code invalid_input naming the document and where it came from', () => {
    const err = thrown(() =>
      assertTelemetryReading({ ...reading, quality: 'ok' }, 'batch from lighting-01'),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('invalid telemetry reading in batch from lighting-01');
  });

  test('lists every issue at once with JSON pointers into the value', () => {
    const err = thrown(() =>
      assertPluginManifest({
        ...manifest,
        id: 'Night',
        permissions: [{ capability: 'telemetry:read', points: ['+/+/dimming', 'lighting 01/#'] }],
      }),
    );
    expect(err.issues?.map((i) => i.path)).toEqual(['/id', '/permissions/0/points/1']);
  });

  test('survives toJSON with its issues', () => {
    const err = thrown(() => assertCommand({}));
    const json = JSON.parse(JSON.stringify(err));
    expect(json.code).toBe('invalid_input');
    expect(json.issues.length).toBeGreaterThan(3);
  });
});

describe('messages', () => {
  test('name the unknown property and the allowed ones', () => {
    expect(issuesFor('site', { id: 'env-03', name: 'Station', colour: 'green' })).toEqual([
      {
        path: '',
        message:
          'has an unknown property "colour" (allowed here: _id, _rev, type, id, name, organisation, location, kind, dataClass, createdAt)',
      },
    ]);
  });

  test('list the allowed values of an enum and the value given', () => {
    const [issue] = issuesFor('telemetry-reading', { ...reading, quality: 'ok' });
    expect(issue).toEqual({
      path: '/quality',
      message: 'must be one of "good", "uncertain" or "bad" (got "ok")',
    });
  });

  test('point at the missing property itself', () => {
    const { reason: _omitted, ...command } = examples.command!.valid[
      'dim-lamps-by-plugin.json'
    ] as Record<string, unknown>;
    expect(issuesFor('command', command)).toEqual([{ path: '/reason', message: 'is required' }]);
  });

  test('report only the permission branch that its capability names', () => {
    const issues = issuesFor('permission', {
      capability: 'command:write',
      points: ['+/+/dimming'],
      rate: { count: 0, perSeconds: 60 },
    });
    expect(issues).toEqual([{ path: '/rate/count', message: 'must be at least 1 (got 0)' }]);
  });

  test('list the capabilities when the capability is unknown', () => {
    const [issue] = issuesFor('permission', { capability: 'file:write' });
    expect(issue?.path).toBe('/capability');
    expect(issue?.message).toContain('must be one of "telemetry:read", "command:write", "storage"');
    expect(issue?.message).toContain('(got "file:write")');
  });

  test('explain a pattern in words instead of quoting the regular expression', () => {
    const [issue] = issuesFor('permission', {
      capability: 'net:fetch',
      hosts: ['https://api.weather.example'],
    });
    expect(issue).toEqual({
      path: '/hosts/0',
      message:
        'must be a lower-case host like "api.weather.example" or "*.example.org", optionally with ":port", without scheme or path (got "https://api.weather.example")',
    });
  });

  test('say why a conditional rule applies', () => {
    const profile = structuredClone(
      examples['device-profile']!.valid['streetlight-controller.json'],
    ) as {
      points: Array<Record<string, unknown>>;
    };
    profile.points[3]!.type = 'uint16';
    const err = thrown(() => assertDeviceProfile(profile));
    expect(err.issues).toEqual([
      {
        path: '/points/3/type',
        message: 'must be "bool" (got "uint16"): coils and discrete inputs are single bits',
      },
    ]);
  });

  test('report a value of the wrong type once, by its type', () => {
    const event = { ...(examples.event!.valid['flooding-opened.json'] as object), level: 'II' };
    expect(issuesFor('event', event)).toEqual([
      { path: '/level', message: 'must be a whole number (got a string)' },
    ]);
  });

  test('escape "/" and "~" in property names of JSON pointers', () => {
    const issues = issuesFor('permission', { capability: 'storage', 'a/b~c': 1 });
    expect(issues[0]?.message).toContain('"a/b~c"');
    const missing = issuesFor('command-outcome', {
      status: 'rejected',
      commandId: 'c1',
      ts: '2026-03-01T00:00:00Z',
    });
    expect(missing).toEqual([
      { path: '/error', message: 'is required: a rejected or failed command says why in "error"' },
    ]);
  });
});

describe('assertPermission', () => {
  test('accepts every capability of the grammar', () => {
    for (const value of Object.values(examples.permission!.valid))
      expect(assertPermission(value)).toBe(value);
  });
});
