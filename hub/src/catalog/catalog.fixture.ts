/**
 * @module Test fixture: a catalog API over each store of `STORE_TARGETS` (the embedded server, and
 * the CouchDB of `COUCHDB_URL`), with registered sites, a vendor key, signed packages made with
 * the core, principals by role, and a recording audit log.
 */
import {
  exportPrivateKey,
  exportPublicKey,
  generateKeyPair,
  keyId,
  type PrivateKeyRecord,
  type PublicKeyRecord,
  packPlugin,
  signPackage,
} from '@heng/core';
import { HengError, type Permission, type PluginManifest } from '@heng/schemas';
import { Hono, type MiddlewareHandler } from 'hono';
import type { HubEnv } from '../api/env.ts';
import { errorResponse } from '../api/http.ts';
import type { AuditEntry, AuditLog, AuditRecord } from '../audit/types.ts';
import type { Ability, Principal } from '../auth/types.ts';
import { type Couch, HUB_CONTROL_DB, HUB_DB, siteDbName } from '../couch/index.ts';
import { NamespacedCouch, STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import { catalogRoutes } from './routes.ts';
import { Catalog } from './service.ts';

/** An audit log that keeps entries in memory, chained by sequence only: for assertions. */
export class RecordingAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(record: AuditRecord): Promise<AuditEntry> {
    const entry = {
      ...record,
      seq: this.entries.length + 1,
      at: new Date().toISOString(),
      prev: '',
      hash: '',
    };
    this.entries.push(entry);
    return entry;
  }
}

const ABILITIES_OF: Record<string, readonly Ability[]> = {
  admin: ['catalog:read', 'catalog:publish', 'catalog:revoke', 'installs:read', 'installs:write'],
  vendor: ['catalog:read', 'catalog:publish'],
  operator: ['installs:read'],
};

/** The principal a test request names in `x-test-user`. */
function principalOf(user: string): Principal {
  return {
    kind: 'user',
    id: user,
    roles: user === 'admin' ? ['administrator'] : [user as 'vendor'],
    clearance: 'internal',
  };
}

/** A settings schema with one bounded integer, so a config can break it. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { nightLevel: { type: 'integer', minimum: 0, maximum: 100, default: 30 } },
};

export const BASE_PERMISSIONS: Permission[] = [
  { capability: 'telemetry:read', points: ['+/+/dimming'], reason: 'reads lamp levels' },
  { capability: 'command:write', points: ['+/+/dimming'], rate: { count: 30, perSeconds: 60 } },
];

/** A tiny manifest for the lamps plugin at `version` asking for `permissions`. */
export function lampsManifest(
  version: string,
  permissions: Permission[] = BASE_PERMISSIONS,
): PluginManifest {
  return {
    id: 'com.example.lamps',
    name: 'Lamps',
    version,
    vendor: { name: 'Example Lighting' },
    engines: { heng: '^0.1.0' },
    runsOn: ['edge'],
    permissions,
    config: CONFIG_SCHEMA,
  } as PluginManifest;
}

/** Packs (and signs, with `key`) a plugin; its bundle, unless given, says which version it is. */
export async function makePackage(
  manifest: PluginManifest,
  key?: PrivateKeyRecord,
  bundle = `export default { v: '${manifest.version}' };\n`,
): Promise<Uint8Array> {
  const files = new Map([['dist/plugin.js', new TextEncoder().encode(bundle)]]);
  const packed = await packPlugin({ manifest, files });
  return key ? signPackage(packed, key) : packed;
}

/** A vendor's key pair as the CLI files it. */
export async function vendorKey(): Promise<{
  priv: PrivateKeyRecord;
  pub: PublicKeyRecord;
  id: string;
}> {
  const pair = await generateKeyPair();
  const pub = await exportPublicKey(pair.publicKey);
  return { priv: await exportPrivateKey(pair.privateKey), pub, id: await keyId(pub) };
}

export const SITES = ['lighting-01', 'lighting-02'] as const;

/**
 * The catalog API at `/api` over a fresh store of `target`, with two registered sites. With a
 * target, every database has a name of this app's own (see {@link NamespacedCouch}), dropped
 * from a CouchDB when the store closes; without one it opens the embedded store under the real
 * names, for tests that reach the store other than through `couch.db()`.
 */
export async function openCatalogApp(target?: StoreTarget) {
  const store = await (target ?? STORE_TARGETS[0]!).open();
  const couch: Couch = target ? new NamespacedCouch(store.couch) : store.couch;
  const close = () => store.close();
  await couch.ensureDb(HUB_DB);
  await couch.ensureDb(HUB_CONTROL_DB);
  for (const site of SITES) {
    await couch.ensureDb(siteDbName(site, 'control'));
    await couch
      .db(HUB_DB)
      .insert({ type: 'site', id: site, name: `Site ${site}` } as never, `site/${site}`);
  }
  const audit = new RecordingAudit();
  const catalog = new Catalog({ couch, audit });
  const requireAbility =
    (ability: Ability): MiddlewareHandler<HubEnv> =>
    async (c, next) => {
      const principal = c.get('principal');
      if (!ABILITIES_OF[principal.id]?.includes(ability))
        return errorResponse(
          c,
          new HengError('permission_denied', `${principal.id} may not ${ability}`),
        );
      await next();
    };
  const app = new Hono<HubEnv>();
  app.use('*', async (c, next) => {
    c.set('principal', principalOf(c.req.header('x-test-user') ?? 'admin'));
    await next();
  });
  app.route('/api', catalogRoutes({ couch, audit, catalog, requireAbility }));

  /** Sends a request as `user` (default admin); JSON bodies are serialised. */
  const call = (method: string, path: string, body?: unknown, user = 'admin', type?: string) => {
    const headers: Record<string, string> = { 'x-test-user': user };
    let payload: BodyInit | undefined;
    if (body instanceof Uint8Array) {
      headers['content-type'] = type ?? 'application/octet-stream';
      payload = body as Uint8Array<ArrayBuffer>;
    } else if (body !== undefined) {
      headers['content-type'] = type ?? 'application/json';
      payload = JSON.stringify(body);
    }
    return app.request(path, { method, headers, ...(payload ? { body: payload } : {}) });
  };
  /** Every id and revision in a database: equal snapshots mean nothing was written. */
  const snapshot = async (db: string) =>
    (await couch.db(db).list()).rows.map((r) => `${r.id} ${r.value.rev}`);
  const sitesSnapshot = async () => ({
    hub: await snapshot(HUB_DB),
    ...Object.fromEntries(
      await Promise.all(SITES.map(async (s) => [s, await snapshot(siteDbName(s, 'control'))])),
    ),
  });
  return {
    store,
    couch,
    audit,
    catalog,
    app,
    call,
    snapshot,
    sitesSnapshot,
    close,
    [Symbol.asyncDispose]: close,
  };
}

export type CatalogApp = Awaited<ReturnType<typeof openCatalogApp>>;
