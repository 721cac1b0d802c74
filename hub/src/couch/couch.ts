/**
 * @module The hub's only way to its store: nano over HTTP, the same for the embedded server and a
 * real CouchDB 3 (single node or cluster). Credentials travel in a header, never in a URL that
 * could be logged.
 */
import { HengError } from '@heng/schemas';
import nano from 'nano';

/** Where the store is, and how the hub signs in to it. */
export interface CouchTarget {
  /** Base URL without credentials, e.g. `http://127.0.0.1:5984`. */
  url: string;
  credentials?: { username: string; password: string };
}

/** A nano error as it arrives: an Error with the HTTP status of CouchDB's reply. */
interface NanoError extends Error {
  statusCode?: number;
  error?: string;
  reason?: string;
}

/** CouchDB's HTTP status of a failed nano call, or undefined when the store was not reached. */
export function couchStatus(err: unknown): number | undefined {
  return (err as NanoError | null)?.statusCode;
}

/**
 * Splits `http://user:pw@host:5984/` into a target whose URL carries no secret. The URL's path
 * (a reverse proxy's prefix) is kept.
 */
export function parseCouchUrl(raw: string): CouchTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HengError('invalid_input', 'COUCHDB_URL / --couchdb: not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HengError('invalid_input', `COUCHDB_URL / --couchdb: ${url.protocol} is not http(s)`);
  const credentials = url.username
    ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
    : undefined;
  url.username = '';
  url.password = '';
  const target: CouchTarget = { url: url.href.replace(/\/$/, '') };
  if (credentials) target.credentials = credentials;
  return target;
}

/** Where a raw HTTP request to the store goes, and as whom: what the gateway forwards with. */
export interface StoreAccess {
  /** The store's base URL, without credentials. */
  url: string;
  /** The `Authorization` header to send, or undefined for a store without auth. Never log it. */
  authorization: string | undefined;
}

/** The nano server scope and the pieces the gateway needs to forward requests itself. */
export class Couch implements StoreAccess {
  readonly url: string;
  /** `Basic …`, or undefined for a store without auth. Never log it. */
  readonly authorization: string | undefined;
  readonly server: nano.ServerScope;

  constructor(target: CouchTarget) {
    this.url = target.url.replace(/\/$/, '');
    const { credentials } = target;
    this.authorization = credentials
      ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
      : undefined;
    const headers: Record<string, string> = {};
    if (this.authorization) headers['authorization'] = this.authorization;
    this.server = nano({ url: this.url, headers });
  }

  /** A database's document scope. */
  db<D = unknown>(name: string): nano.DocumentScope<D> {
    return this.server.use<D>(name);
  }

  /** Creates the database unless it exists. */
  async ensureDb(name: string): Promise<void> {
    try {
      await this.server.db.create(name);
    } catch (err) {
      if (couchStatus(err) !== 412) throw storeError(err, `create database ${name}`);
    }
  }

  /** Deletes the database if it exists. */
  async dropDb(name: string): Promise<void> {
    try {
      await this.server.db.destroy(name);
    } catch (err) {
      if (couchStatus(err) !== 404) throw storeError(err, `delete database ${name}`);
    }
  }

  /** The store's welcome: reachable, and which server it is. */
  async ping(): Promise<{ vendor: string; version: string }> {
    try {
      const info = (await this.server.info()) as { version?: string; vendor?: { name?: string } };
      return { vendor: info.vendor?.name ?? 'unknown', version: info.version ?? 'unknown' };
    } catch (err) {
      throw storeError(err, 'reach the store');
    }
  }
}

/**
 * A store failure as a HengError: 404 → not_found, 409 → conflict, 401/403 → the hub's own
 * credentials were refused (a set-up fault, so internal), anything unreached → store_unavailable.
 */
export function storeError(err: unknown, doing: string): HengError {
  const status = couchStatus(err);
  const reason = (err as NanoError | null)?.reason ?? (err as Error | null)?.message ?? String(err);
  if (status === undefined)
    return new HengError('store_unavailable', `could not ${doing}: ${reason}`, { cause: err });
  if (status === 404) return new HengError('not_found', `could not ${doing}: ${reason}`);
  if (status === 409) return new HengError('conflict', `could not ${doing}: ${reason}`);
  if (status === 401 || status === 403)
    return new HengError('internal', `could not ${doing}: the store refused the hub's credentials`);
  return new HengError('internal', `could not ${doing}: ${status} ${reason}`, { cause: err });
}
