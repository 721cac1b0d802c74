import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { profilePath, REFERENCE_PROFILES } from './profile-path.ts';

describe('a profile reference (a heng-device node, a devices file entry)', () => {
  test('names a reference profile that ships with the edge', () => {
    const file = profilePath('pumping-station', '/srv/node-red');
    expect(file).toBe(path.join(REFERENCE_PROFILES, 'pumping-station.json'));
    expect(existsSync(file)).toBe(true);
  });

  test('is otherwise a path, relative to the Node-RED user folder', () => {
    expect(profilePath('maps/aqm5.json', '/srv/node-red')).toBe('/srv/node-red/maps/aqm5.json');
    expect(profilePath('/etc/heng/aqm5.json', '/srv/node-red')).toBe('/etc/heng/aqm5.json');
  });

  test('must be set', () => {
    expect(() => profilePath(' ', '/srv/node-red')).toThrow('heng-device: no profile set');
  });
});
