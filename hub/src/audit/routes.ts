/**
 * @module The audit log's API: read it with filters, newest first and paged, and check its
 * chain. Reading needs `audit:read`; nothing can write it over HTTP.
 */
import { HengError } from '@heng/schemas';
import { Hono, type MiddlewareHandler } from 'hono';
import type { HubEnv } from '../api/env.ts';
import { intQuery } from '../api/http.ts';
import type { Ability } from '../auth/types.ts';
import type { CouchAuditLog } from './couch-audit-log.ts';
import { MAX_AUDIT_PAGE } from './list.ts';
import type { AuditEntry } from './types.ts';

export interface AuditRoutesOptions {
  log: CouchAuditLog;
  requireAbility: (ability: Ability) => MiddlewareHandler<HubEnv>;
}

const OUTCOMES = new Set<AuditEntry['outcome']>(['ok', 'refused', 'failed']);

function isoQuery(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (Number.isNaN(Date.parse(value)))
    throw new HengError('invalid_input', `query ${name}: "${value}" is not an ISO time`);
  return value;
}

/** Routes under `/api/audit`. */
export function auditRoutes(o: AuditRoutesOptions): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  app.get('/', o.requireAbility('audit:read'), async (c) => {
    const q = (name: string) => c.req.query(name) || undefined;
    const outcome = q('outcome');
    if (outcome !== undefined && !OUTCOMES.has(outcome as AuditEntry['outcome']))
      throw new HengError(
        'invalid_input',
        `query outcome: must be ok, refused or failed, got "${outcome}"`,
      );
    const before = c.req.query('before')
      ? intQuery(c, 'before', 1, 1, Number.MAX_SAFE_INTEGER)
      : undefined;
    const page = await o.log.list({
      actor: q('actor'),
      action: q('action'),
      target: q('target'),
      outcome: outcome as AuditEntry['outcome'] | undefined,
      since: isoQuery(q('since'), 'since'),
      until: isoQuery(q('until'), 'until'),
      limit: intQuery(c, 'limit', 50, 1, MAX_AUDIT_PAGE),
      before,
    });
    return c.json(page);
  });
  app.get('/verify', o.requireAbility('audit:read'), async (c) => c.json(await o.log.verify()));
  return app;
}
