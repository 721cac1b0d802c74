/**
 * @module Where a device's profile comes from, for a `heng-device` node and an entry of the
 * devices file alike: the name of a reference profile that ships with the edge
 * (`streetlight-controller`, `environment-station`, `pumping-station`), or the path of a profile
 * file, so a technician can pick a known device or bring a vendor's map.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HengError } from '@heng/schemas';

/** The reference profiles' folder (edge-node/profiles). */
export const REFERENCE_PROFILES = fileURLToPath(new URL('../../profiles/', import.meta.url));

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The file a profile reference points at: a bare name is a reference profile, anything else a
 * path (relative paths from `baseDir`, Node-RED's user folder).
 *
 * @example
 * ```ts
 * profilePath('pumping-station', '/srv/node-red'); // …/edge-node/profiles/pumping-station.json
 * profilePath('maps/aqm5.json', '/srv/node-red'); // /srv/node-red/maps/aqm5.json
 * ```
 */
export function profilePath(reference: string, baseDir: string): string {
  const ref = reference.trim();
  if (ref === '') throw new HengError('invalid_input', 'heng-device: no profile set');
  if (NAME.test(ref)) return path.join(REFERENCE_PROFILES, `${ref}.json`);
  return path.resolve(baseDir, ref);
}
