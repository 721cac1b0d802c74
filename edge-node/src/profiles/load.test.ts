import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevicePoint, type DeviceProfile, HengError, ValidationError } from '@heng/schemas';
import { examples } from '@heng/schemas/examples';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileError } from './errors.ts';
import { loadProfile, parseProfile } from './load.ts';

const REFERENCE = ['streetlight-controller', 'environment-station', 'pumping-station'];

function profileWith(...points: Array<Partial<DevicePoint>>): DeviceProfile {
  return {
    id: 'test-device',
    name: 'Test device',
    points: points.map((p, i) => ({
      name: `p${i}`,
      kind: 'holding-register',
      address: i * 10,
      type: 'uint16',
      access: 'readwrite',
      dataClass: 'internal',
      ...p,
    })),
  };
}

function issuesOf(profile: unknown): Array<{ path: string; message: string }> {
  try {
    parseProfile(profile, 'test.json');
  } catch (err) {
    if (err instanceof ProfileError) return err.issues ?? [];
    throw err;
  }
  return [];
}

describe('reference profiles', () => {
  for (const name of REFERENCE) {
    it(`loads ${name}.json, which passes the schema and every meaning check`, async () => {
      const profile = await loadProfile(new URL(`../../profiles/${name}.json`, import.meta.url));
      expect(profile.points.length).toBeGreaterThan(10);
      expect(profile.points.every((p) => p.dataClass)).toBe(true);
    });
  }

  it('accepts the schema package’s valid examples', () => {
    const valid = Object.entries(examples['device-profile']?.valid ?? {});
    expect(valid.length).toBeGreaterThan(0);
    for (const [name, json] of valid) expect(parseProfile(json, name).id).toBeTruthy();
  });
});

describe('the schema pass', () => {
  it('refuses each of the schema package’s invalid examples, naming the file', () => {
    const invalid = Object.entries(examples['device-profile']?.invalid ?? {});
    expect(invalid.length).toBeGreaterThan(0);
    for (const [name, json] of invalid)
      expect(() => parseProfile(json, name)).toThrow(`invalid device profile in ${name}: /`);
  });

  it('refuses a coil that is not bool, at its JSON path', () => {
    expect(issuesOf(profileWith({}, { kind: 'coil', type: 'uint16' }))).toEqual([
      { path: '/points/1/type', message: expect.stringMatching(/must be "bool"/) },
    ]);
  });

  it('refuses a string without a length, at its JSON path', () => {
    expect(issuesOf(profileWith({ type: 'string' }))).toEqual([
      { path: '/points/0/length', message: expect.stringMatching(/is required/) },
    ]);
  });
});

describe('the meaning pass', () => {
  it('refuses duplicate point names', () => {
    expect(issuesOf(profileWith({ name: 'level' }, { name: 'flow' }, { name: 'level' }))).toEqual([
      {
        path: '/points/2/name',
        message: 'repeats the name "level" of /points/0',
        fix: expect.any(String),
      },
    ]);
  });

  it('refuses points that overlap in one table, counting each type’s width', () => {
    const profile = profileWith(
      { name: 'pm25', kind: 'input-register', access: 'read', address: 1, type: 'float32' },
      { name: 'pm10', kind: 'input-register', access: 'read', address: 2, type: 'uint16' },
    );
    expect(issuesOf(profile)).toEqual([
      {
        path: '/points/1/address',
        message: '"pm10" at input-register 2 overlaps point "pm25" at input-register 1-2',
      },
    ]);
  });

  it('refuses duplicate addresses, and finds an overlap hidden behind a wide point', () => {
    const profile = profileWith(
      { name: 'wide', address: 0, type: 'float64' },
      { name: 'short', address: 1 },
      { name: 'inside', address: 3 },
      { name: 'twin', address: 0, type: 'int16' },
    );
    expect(issuesOf(profile).map((i) => i.path)).toEqual([
      '/points/3/address',
      '/points/1/address',
      '/points/2/address',
    ]);
  });

  it('lets the same address be used in different tables', () => {
    const profile = profileWith(
      { kind: 'coil', type: 'bool', address: 0 },
      { kind: 'discrete-input', type: 'bool', access: 'read', address: 0 },
      { kind: 'input-register', access: 'read', address: 0 },
      { kind: 'holding-register', address: 0 },
      { kind: 'holding-register', address: 1, type: 'float32' },
    );
    expect(issuesOf(profile)).toEqual([]);
  });

  it('refuses a point whose width runs past address 65535', () => {
    expect(issuesOf(profileWith({ address: 65534, type: 'float32' }))).toEqual([]);
    expect(issuesOf(profileWith({ address: 65535, type: 'float32' }))).toEqual([
      {
        path: '/points/0/address',
        message: 'a float32 of 2 registers at 65535 ends at 65536, past the last address 65535',
      },
    ]);
    expect(
      issuesOf(profileWith({ address: 65530, type: 'string', length: 8 }))[0]?.message,
    ).toMatch(/ends at 65537/);
  });

  it('refuses min above max', () => {
    expect(issuesOf(profileWith({ min: 10, max: 5 }))).toEqual([
      { path: '/points/0/min', message: 'min 10 of "p0" is above its max 5' },
    ]);
  });

  it('refuses write limits on read-only points', () => {
    const issues = issuesOf(
      profileWith({ kind: 'input-register', access: 'read', name: 'flow', max: 100 }),
    );
    expect(issues).toEqual([
      {
        path: '/points/0/max',
        message: '"flow" is read-only (access "read"): a write limit means nothing here',
        fix: expect.any(String),
      },
    ]);
  });

  it('refuses write limits on bool and string points', () => {
    const issues = issuesOf(
      profileWith({ kind: 'coil', type: 'bool', min: 0 }, { type: 'string', length: 2, max: 1 }),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['/points/0/min', '"p0" is a bool: limits apply to numbers only'],
      ['/points/1/max', '"p1" is a string: limits apply to numbers only'],
    ]);
  });

  it('refuses a limit the raw type can never hold after scale and offset', () => {
    const issues = issuesOf(profileWith({ name: 'trim', type: 'int16', scale: 0.1, max: 5000 }));
    expect(issues).toEqual([
      {
        path: '/points/0/max',
        message: expect.stringMatching(/^max 5000 can never be written: .*does not fit a int16/),
      },
    ]);
  });

  it('refuses a scale of 0', () => {
    expect(issuesOf(profileWith({ scale: 0 }))[0]).toMatchObject({ path: '/points/0/scale' });
  });

  it('reports every issue in one error that says where the profile came from', () => {
    const bad = profileWith({ name: 'a', min: 3, max: 1 }, { name: 'a', address: 0 });
    expect(() => parseProfile(bad, 'profiles/bad.json')).toThrow(ProfileError);
    try {
      parseProfile(bad, 'profiles/bad.json');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ProfileError).where).toBe('profiles/bad.json');
      expect((err as ProfileError).code).toBe('invalid_input');
      expect((err as ProfileError).issues).toHaveLength(3);
      expect((err as Error).message).toMatch(
        /^invalid device profile in profiles\/bad.json: \/points\/1\/name: repeats the name "a"/,
      );
    }
  });
});

describe('loadProfile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heng-profile-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ "id": ');
    await expect(loadProfile(file)).rejects.toThrow(
      new RegExp(`^invalid device profile in ${file}: /: is not JSON`),
    );
  });

  it('says which file does not exist', async () => {
    const file = join(dir, 'missing.json');
    await expect(loadProfile(file)).rejects.toThrow(`device profile ${file} does not exist`);
    await expect(loadProfile(file)).rejects.toMatchObject({ code: 'not_found' });
    await expect(loadProfile(file)).rejects.toBeInstanceOf(HengError);
  });

  it('accepts JSON text as well as a parsed value', () => {
    expect(parseProfile(JSON.stringify(profileWith({})), 'text').id).toBe('test-device');
  });
});
