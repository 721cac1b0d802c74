/**
 * @module The sync gateway: the CouchDB replication protocol passed through from an edge's
 * PouchDB to the store, for that edge's own site only, for the replication endpoints only, with
 * every write checked per document and the hub's credentials in place of the edge's.
 */
import { HengError, outcomeOf } from '@heng/schemas';
import { Hono } from 'hono';
import { basePath } from 'hono/route';
import type { AuditLog } from '../audit/types.ts';
import { actorOf } from '../auth/hub-auth.ts';
import type { Authenticator, Principal } from '../auth/types.ts';
import { type Couch, SITE_ID_PATTERN, siteDbName } from '../couch/index.ts';
import { type EdgeForwarding, SiteSecurity } from '../validation/index.ts';
import { authenticate, requireEdgeOf } from './authenticate.ts';
import { bulkDocs } from './bulk-docs.ts';
import { DEFAULT_LIMITS, type SyncCall, type SyncLimits } from './call.ts';
import { changes } from './changes.ts';
import { couchErrorResponse } from './errors.ts';
import { attachmentRead, bulkGet, checkpoint, dbInfo, docRead, revsDiff } from './reads.ts';
import { classify, parseSyncPath, type SyncTarget } from './route.ts';
import { jsonResponse } from './upstream.ts';

export interface SyncGatewayOptions {
  couch: Couch;
  authenticator: Authenticator;
  audit: AuditLog;
  limits?: Partial<SyncLimits>;
  /**
   * Chooses the credentials an edge's requests are forwarded with. Default: a `SiteSecurity` over
   * `couch`, which forwards as the site's CouchDB user on a real CouchDB (so its validation knows
   * an edge from the hub) and with the hub's credentials on the embedded store.
   */
  forwarding?: EdgeForwarding;
  /** Called on every request an edge's token authenticates, for the hub's "last seen". */
  onSeen?: (site: string, at: Date) => void;
}

/** What `GET /sync/<site>/` answers: PouchDB reads it for a replication id; the store's is not shown. */
const WELCOME = { couchdb: 'Welcome', vendor: { name: 'heng sync gateway' } };

function serve(call: SyncCall, target: SyncTarget): Promise<Response> {
  const { endpoint } = target;
  switch (endpoint.kind) {
    case 'welcome':
      return Promise.resolve(jsonResponse(WELCOME));
    case 'db-info':
      return dbInfo(call);
    case 'local':
      return checkpoint(call, endpoint.id);
    case 'changes':
      return changes(call);
    case 'revs-diff':
      return revsDiff(call);
    case 'bulk-docs':
      return bulkDocs(call);
    case 'bulk-get':
      return bulkGet(call);
    case 'doc':
      return docRead(call, endpoint.id);
    case 'attachment':
      return attachmentRead(call, endpoint.id, endpoint.name);
  }
}

function asHengError(err: unknown, where: string): HengError {
  return err instanceof HengError
    ? err
    : new HengError('internal', `${where}: ${(err as Error)?.message ?? String(err)}`, {
        cause: err,
      });
}

/**
 * Writes the audit entry of a refused or failed request. Best effort: when the store behind the
 * audit log is the thing that failed, the edge must still get its answer, so a failed append is
 * logged here and not thrown.
 */
async function auditFailure(
  audit: AuditLog,
  principal: Principal | null,
  target: string,
  method: string,
  path: string,
  error: HengError,
): Promise<void> {
  try {
    await audit.append({
      actor: actorOf(principal),
      action: 'sync.request',
      target,
      outcome: outcomeOf(error.code),
      detail: { method, path, code: error.code, reason: error.message },
    });
  } catch (err) {
    console.error(
      `sync gateway: could not audit ${method} ${path} (${error.code}): ${(err as Error).message}`,
    );
  }
}

/**
 * The gateway as a Hono app, to mount at `/sync`: `/sync/<site>/<control|telemetry>/…` goes to
 * `heng-site-<site>-<db>/…` in the store.
 *
 * @example
 * ```ts
 * app.route('/sync', syncGateway({ couch: store.couch, authenticator, audit, onSeen }));
 * ```
 */
export function syncGateway(options: SyncGatewayOptions): Hono {
  const limits: SyncLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const forwarding =
    options.forwarding ?? new SiteSecurity({ couch: options.couch, audit: options.audit });
  const app = new Hono();
  // Whatever escapes a handler still reaches the edge in CouchDB's shape: PouchDB reads
  // `error` as a name, and anything else there (an object) breaks its replicator.
  app.onError((err) => couchErrorResponse(asHengError(err, 'sync')));
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const below = url.pathname.slice(basePath(c).length);
    const where = `${c.req.method} ${url.pathname}`;
    let principal: Principal | null = null;
    let target = `sync${below}`;
    try {
      principal = await authenticate(options.authenticator, c.req.header('authorization'), where);
      if (principal.kind === 'edge' && principal.site) options.onSeen?.(principal.site, new Date());
      const path = parseSyncPath(below);
      target = `site/${path.site}`;
      const edge = requireEdgeOf(principal, path.site, where);
      if (!SITE_ID_PATTERN.test(path.site))
        throw new HengError('not_found', `${where}: "${path.site}" is not a site id`);
      const sync = classify(c.req.method, path, where);
      if (sync.db) target = `site/${path.site}/${sync.db}`;
      const call: SyncCall = {
        principal: edge,
        actor: actorOf(edge),
        db: sync.db ?? 'control',
        dbName: siteDbName(path.site, sync.db ?? 'control'),
        request: c.req.raw,
        search: url.searchParams,
        where,
        couch: () => forwarding.storeFor(path.site),
        audit: options.audit,
        limits,
      };
      return await serve(call, sync);
    } catch (err) {
      // The edge hung up (a cancelled longpoll): nobody to answer, nothing refused.
      if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
      const error = asHengError(err, where);
      await auditFailure(options.audit, principal, target, c.req.method, url.pathname, error);
      return couchErrorResponse(error);
    }
  });
  return app;
}
