/**
 * @module The first administrator: made when the hub starts with no user at all, so a new
 * installation can be signed in to without a default password.
 */
import { HengError } from '@heng/schemas';
import type { AuditLog } from '../audit/types.ts';
import type { Parties } from './parties.ts';
import { generatePassword } from './password.ts';

/** The first administrator's id and the organisation created for it. */
export const BOOTSTRAP_ADMIN = 'admin';
export const BOOTSTRAP_ORGANISATION = 'management-centre';

function ignoreConflict(err: unknown): void {
  if (!(err instanceof HengError && err.code === 'conflict')) throw err;
}

/**
 * When no user exists yet, creates `admin` (administrator, clearance secret, in the
 * organisation `management-centre`) with a random password and returns it once: the caller
 * shows it to whoever started the hub, never to a log. Returns null when users exist, or when
 * another hub process made the administrator first.
 */
export async function bootstrapAdmin(
  parties: Parties,
  audit: AuditLog,
): Promise<{ user: string; password: string } | null> {
  if (await parties.hasUsers()) return null;
  if (!(await parties.getOrganisation(BOOTSTRAP_ORGANISATION)))
    await parties
      .createOrganisation({
        id: BOOTSTRAP_ORGANISATION,
        name: 'Management centre',
        kind: 'department',
      })
      .catch(ignoreConflict);
  const password = generatePassword();
  try {
    await parties.createUser(
      {
        id: BOOTSTRAP_ADMIN,
        name: 'Administrator',
        organisation: BOOTSTRAP_ORGANISATION,
        roles: ['administrator'],
        clearance: 'secret',
      },
      password,
    );
  } catch (err) {
    ignoreConflict(err);
    return null;
  }
  await audit.append({
    actor: 'hub',
    action: 'user.bootstrap',
    target: `user/${BOOTSTRAP_ADMIN}`,
    outcome: 'ok',
  });
  return { user: BOOTSTRAP_ADMIN, password };
}
