/**
 * @module Runs a write on behalf of a principal and audits how it ended: ok, refused (the
 * caller's fault: bad body, conflict, not found) or failed (the hub's).
 */
import { HengError, outcomeOf } from '@heng/schemas';
import type { AuditLog } from '../../audit/types.ts';
import { actorOf } from '../hub-auth.ts';
import type { Principal } from '../types.ts';

export interface WriteDescription {
  action: string;
  /** Where it acts; the write may name a better one once it knows (a created id). */
  target: string;
  detail?: Record<string, unknown>;
}

/** Runs `write`, then appends one audit entry whatever happened, and returns or rethrows. */
export async function audited<T>(
  audit: AuditLog,
  principal: Principal,
  what: WriteDescription,
  write: (described: WriteDescription) => Promise<T>,
): Promise<T> {
  const described: WriteDescription = { ...what };
  try {
    const result = await write(described);
    await audit.append({
      actor: actorOf(principal),
      action: described.action,
      target: described.target,
      outcome: 'ok',
      ...(described.detail ? { detail: described.detail } : {}),
    });
    return result;
  } catch (err) {
    const code = err instanceof HengError ? err.code : 'internal';
    await audit.append({
      actor: actorOf(principal),
      action: described.action,
      target: described.target,
      outcome: outcomeOf(code),
      detail: {
        ...described.detail,
        code,
        ...(err instanceof HengError ? { message: err.message } : {}),
      },
    });
    throw err;
  }
}
