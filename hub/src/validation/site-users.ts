/**
 * @module A site's CouchDB user, `heng-edge-<site>`: the identity the gateway forwards that
 * site's edge as, so CouchDB's validation knows an edge's write from the hub's. Its password is
 * random, made by the hub, and kept in the hub's registry database, which only server admins
 * (the hub) may read; it never leaves the hub, so it is never rotated with the edge's token.
 */
import { randomBytes } from 'node:crypto';
import type { DataClass } from '@heng/schemas';
import { HengError } from '@heng/schemas';
import {
  type Couch,
  couchStatus,
  HUB_DB,
  SITE_DBS,
  siteDbName,
  storeError,
} from '../couch/index.ts';
import { clearanceRole, EDGE_ROLE, siteUserName } from './edge-writes-source.ts';

/** Where a site user's password is kept: `couch-user/<site>` in the hub's registry database. */
export const siteUserDocId = (site: string) => `couch-user/${site}`;

/** The stored credential. Never logged, audited or returned by a route. */
interface SiteUserDoc {
  _id: string;
  _rev?: string;
  type: 'couch-user';
  site: string;
  name: string;
  password: string;
  createdAt: string;
}

/** A CouchDB user's name and password. */
export interface CouchCredentials {
  name: string;
  password: string;
}

/** `Basic …` for a CouchDB user. */
export function basicAuthorization({ name, password }: CouchCredentials): string {
  return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
}

export interface SiteUsersOptions {
  couch: Couch;
  /** The hub's registry database, where credentials are kept. Default `heng-hub`. */
  db?: string;
  /**
   * The clearance a site user writes with: the ceiling of the site's edge tokens (`secret` by
   * default; the gateway checks each token's own clearance first).
   */
  clearance?: DataClass;
  now?: () => Date;
}

/** The `_users` document id of a CouchDB user. */
const userDocId = (name: string) => `org.couchdb.user:${name}`;

export class SiteUsers {
  readonly #o: Required<Omit<SiteUsersOptions, 'now'>> & { now: () => Date };

  constructor(options: SiteUsersOptions) {
    this.#o = {
      db: HUB_DB,
      clearance: 'secret',
      now: () => new Date(),
      ...options,
    };
  }

  /** The roles a site user has in `_users`. */
  get roles(): string[] {
    return [EDGE_ROLE, clearanceRole(this.#o.clearance)];
  }

  /**
   * The site user's stored credential, made (random, 32 bytes) when there is none. A second hub
   * making it at the same time loses the insert and takes the winner's.
   */
  async credential(site: string): Promise<{ credentials: CouchCredentials; created: boolean }> {
    const hub = this.#o.couch.db<SiteUserDoc>(this.#o.db);
    const id = siteUserDocId(site);
    const found = await this.#read(site);
    if (found) return { credentials: found, created: false };
    const doc: SiteUserDoc = {
      _id: id,
      type: 'couch-user',
      site,
      name: siteUserName(site),
      password: randomBytes(32).toString('base64url'),
      createdAt: this.#o.now().toISOString(),
    };
    try {
      await hub.insert(doc);
      return { credentials: { name: doc.name, password: doc.password }, created: true };
    } catch (err) {
      const winner = couchStatus(err) === 409 ? await this.#read(site) : undefined;
      if (winner) return { credentials: winner, created: false };
      throw storeError(err, `keep the store credential of site ${site}`);
    }
  }

  /** The stored credential, or undefined when the site has none yet. */
  async #read(site: string): Promise<CouchCredentials | undefined> {
    try {
      const doc = await this.#o.couch.db<SiteUserDoc>(this.#o.db).get(siteUserDocId(site));
      return { name: doc.name, password: doc.password };
    } catch (err) {
      if (couchStatus(err) === 404) return undefined;
      throw storeError(err, `read the store credential of site ${site}`);
    }
  }

  /**
   * Makes the CouchDB user sign in with the stored password and hold exactly the site roles.
   * Checked by signing in (`GET /_session`), so a start with nothing to change writes nothing.
   * Returns whether `_users` was written.
   */
  async ensureUser(credentials: CouchCredentials): Promise<boolean> {
    const { couch } = this.#o;
    const session = await fetch(`${couch.url}/_session`, {
      headers: { authorization: basicAuthorization(credentials), accept: 'application/json' },
    }).catch((err: unknown) => {
      throw new HengError(
        'store_unavailable',
        `sign in as ${credentials.name}: ${(err as Error).message}`,
      );
    });
    const body = (await session.json().catch(() => ({}))) as {
      userCtx?: { name?: string; roles?: string[] };
    };
    const roles = body.userCtx?.roles ?? [];
    if (
      session.ok &&
      body.userCtx?.name === credentials.name &&
      roles.length === this.roles.length &&
      this.roles.every((r) => roles.includes(r))
    )
      return false;
    await couch.ensureDb('_users');
    const users = couch.db<Record<string, unknown>>('_users');
    const id = userDocId(credentials.name);
    let rev: string | undefined;
    try {
      rev = (await users.get(id))._rev as string;
    } catch (err) {
      if (couchStatus(err) !== 404)
        throw storeError(err, `read the CouchDB user ${credentials.name}`);
    }
    try {
      await users.insert({
        _id: id,
        ...(rev ? { _rev: rev } : {}),
        type: 'user',
        name: credentials.name,
        roles: this.roles,
        password: credentials.password,
      });
    } catch (err) {
      // No cause: nano's error carries the request, and the request carries the password.
      throw new HengError(
        couchStatus(err) === undefined ? 'store_unavailable' : 'internal',
        `could not write the CouchDB user ${credentials.name}: ${couchStatus(err) ?? 'no answer'} ${(err as { reason?: string }).reason ?? ''}`.trim(),
      );
    }
    return true;
  }

  /**
   * Makes the site user the only member of the site's databases (the hub is a server admin, so
   * it needs no place there). Returns the databases whose `_security` was written.
   */
  async ensureMembers(site: string): Promise<string[]> {
    const written: string[] = [];
    const security = {
      admins: { names: [], roles: [] },
      members: { names: [siteUserName(site)], roles: [] },
    };
    for (const db of SITE_DBS) {
      const name = siteDbName(site, db);
      if (await putSecurity(this.#o.couch, name, security)) written.push(name);
    }
    return written;
  }
}

/** A database's `_security` object. */
export interface SecurityObject {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
}

/** Writes `_security` unless it already says the same; returns whether it wrote. */
export async function putSecurity(
  couch: Couch,
  db: string,
  wanted: SecurityObject,
): Promise<boolean> {
  try {
    const current = (await couch.server.request({
      db,
      path: '_security',
    })) as Partial<SecurityObject>;
    const same = (
      a?: { names?: string[]; roles?: string[] },
      b?: { names: string[]; roles: string[] },
    ) =>
      JSON.stringify([...(a?.names ?? [])].sort()) ===
        JSON.stringify([...(b?.names ?? [])].sort()) &&
      JSON.stringify([...(a?.roles ?? [])].sort()) === JSON.stringify([...(b?.roles ?? [])].sort());
    if (same(current.admins, wanted.admins) && same(current.members, wanted.members)) return false;
    await couch.server.request({ db, path: '_security', method: 'PUT', body: wanted });
    return true;
  } catch (err) {
    throw storeError(err, `set the members of ${db}`);
  }
}
