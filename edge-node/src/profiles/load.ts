/**
 * @module Reading a device profile: JSON, then the schema, then the meaning checks.
 */
import { fileURLToPath } from 'node:url';
import { type DeviceProfile, issuesFor } from '@heng/schemas';
import { checkProfile } from './checks/index.ts';
import { ProfileError } from './errors.ts';
import { readInputFile } from './read-input.ts';

/**
 * Validates a device profile in two passes, the schema and then its meaning (duplicate names,
 * overlapping or out-of-range addresses, impossible write limits), and returns it typed.
 * `json` is the parsed value, or JSON text. `where` names its origin for the error message.
 *
 * @throws ProfileError listing every issue at its JSON path, e.g.
 *   `/points/3/address: "pm10" at input-register 2-3 overlaps point "pm25" at input-register 1-2`.
 * @example const profile = parseProfile(await request.json(), 'POST /api/profiles');
 */
export function parseProfile(json: unknown, where: string): DeviceProfile {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new ProfileError(where, [
        { path: '', message: `is not JSON: ${(err as Error).message}` },
      ]);
    }
  }
  const structure = issuesFor('device-profile', value);
  if (structure.length > 0) throw new ProfileError(where, structure);
  const profile = value as DeviceProfile;
  const meaning = checkProfile(profile);
  if (meaning.length > 0) throw new ProfileError(where, meaning);
  return profile;
}

/**
 * Reads a device profile file and validates it with `parseProfile`.
 *
 * @throws HengError `not_found` when the file does not exist, ProfileError when it is invalid.
 * @example const profile = await loadProfile('edge-node/profiles/environment-station.json');
 */
export async function loadProfile(path: string | URL): Promise<DeviceProfile> {
  const where = path instanceof URL ? fileURLToPath(path) : path;
  return parseProfile(await readInputFile(path, 'device profile', where), where);
}
