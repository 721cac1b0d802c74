/**
 * @module A Node-RED storage module on PouchDB. Each deploy is a new immutable version document
 * in the site's control database (`flows/v000001`, …, with `flows/current` naming the latest), so
 * a site's flows are versioned and replicate to the hub. Credentials (encrypted by Node-RED with
 * the edge's own secret), sessions, user settings and the library stay in a local database that is
 * never replicated.
 */
import { FLOWS_CURRENT_DOC_ID, flowsVersionDocId, HengError } from '@heng/schemas';

export interface FlowsVersion {
  _id: string;
  type: 'flows';
  site: string;
  version: number;
  flows: unknown[];
  savedBy?: string;
  savedAt: string;
}

interface Pointer {
  _id: string;
  _rev?: string;
  version: number;
}

export interface PouchStorageOptions {
  site: string;
  /** Replicated to the hub: flow versions. */
  control: PouchDB.Database;
  /** Local only: credentials, sessions, settings, library. */
  local: PouchDB.Database;
  now?: () => number;
}

const notFound = (error: unknown) => (error as { status?: number }).status === 404;

async function getOr<T>(db: PouchDB.Database, id: string, fallback: T): Promise<T> {
  try {
    return (await db.get(id)) as T;
  } catch (error) {
    if (notFound(error)) return fallback;
    throw error;
  }
}

/** Creates or replaces a local document's `value`. */
async function putValue(db: PouchDB.Database, id: string, value: unknown): Promise<void> {
  for (;;) {
    const current = await getOr<{ _rev?: string } | undefined>(db, id, undefined);
    try {
      await db.put({ _id: id, ...(current?._rev ? { _rev: current._rev } : {}), value });
      return;
    } catch (error) {
      if ((error as { status?: number }).status !== 409) throw error;
    }
  }
}

/** The Node-RED storage API (nodered.org/docs/api/storage/methods) over two PouchDB databases. */
export function pouchStorage(options: PouchStorageOptions) {
  const { control, local, site } = options;
  const now = options.now ?? Date.now;

  const current = () => getOr<Pointer | undefined>(control, FLOWS_CURRENT_DOC_ID, undefined);

  return {
    async init(): Promise<void> {
      await Promise.all([control.info(), local.info()]);
    },

    async getFlows(): Promise<unknown[]> {
      const pointer = await current();
      if (!pointer) return [];
      const doc = await control.get<FlowsVersion>(flowsVersionDocId(pointer.version));
      return doc.flows;
    },

    async saveFlows(flows: unknown[], user?: { username?: string }): Promise<void> {
      if (!Array.isArray(flows))
        throw new HengError('invalid_input', 'flows to save must be an array');
      for (;;) {
        const pointer = await current();
        const version = (pointer?.version ?? 0) + 1;
        const doc: FlowsVersion = {
          _id: flowsVersionDocId(version),
          type: 'flows',
          site,
          version,
          flows,
          savedAt: new Date(now()).toISOString(),
          ...(user?.username ? { savedBy: user.username } : {}),
        };
        try {
          await control.put(doc);
          await control.put({
            _id: FLOWS_CURRENT_DOC_ID,
            ...(pointer?._rev ? { _rev: pointer._rev } : {}),
            version,
          });
          return;
        } catch (error) {
          // Another deploy took this version number: take the next one.
          if ((error as { status?: number }).status !== 409) throw error;
        }
      }
    },

    getCredentials: async () =>
      (await getOr<{ value?: object }>(local, 'node-red/credentials', {})).value ?? {},
    saveCredentials: (credentials: object) => putValue(local, 'node-red/credentials', credentials),
    getSettings: async () =>
      (await getOr<{ value?: object }>(local, 'node-red/settings', {})).value ?? {},
    saveSettings: (settings: object) => putValue(local, 'node-red/settings', settings),
    getSessions: async () =>
      (await getOr<{ value?: object }>(local, 'node-red/sessions', {})).value ?? {},
    saveSessions: (sessions: object) => putValue(local, 'node-red/sessions', sessions),

    /** A file's body, or a folder's listing (sub-folder names, then `{ fn, ...meta }` of files). */
    async getLibraryEntry(type: string, path: string): Promise<unknown> {
      const prefix = `library/${type}/`;
      const clean = path.replace(/^\/+|\/+$/g, '');
      const file = await getOr<{ body?: unknown } | undefined>(local, prefix + clean, undefined);
      if (file && clean !== '') return file.body;
      const under = clean === '' ? prefix : `${prefix}${clean}/`;
      const rows = await local.allDocs<{ meta?: object }>({
        startkey: under,
        endkey: `${under}\ufff0`,
        include_docs: true,
      });
      const folders = new Set<string>();
      const files: object[] = [];
      for (const row of rows.rows) {
        const rest = row.id.slice(under.length);
        const slash = rest.indexOf('/');
        if (slash >= 0) folders.add(rest.slice(0, slash));
        else files.push({ fn: rest, ...(row.doc?.meta ?? {}) });
      }
      if (folders.size === 0 && files.length === 0 && clean !== '') {
        throw new HengError('not_found', `no library entry ${type}/${clean}`);
      }
      return [...folders, ...files];
    },

    async saveLibraryEntry(type: string, path: string, meta: object, body: unknown): Promise<void> {
      const clean = path.replace(/^\/+|\/+$/g, '');
      if (clean === '' || clean.split('/').some((part) => part === '..' || part === '.')) {
        throw new HengError('invalid_input', `library path ${JSON.stringify(path)} is not allowed`);
      }
      const id = `library/${type}/${clean}`;
      const existing = await getOr<{ _rev?: string } | undefined>(local, id, undefined);
      await local.put({ _id: id, ...(existing?._rev ? { _rev: existing._rev } : {}), meta, body });
    },
  };
}

export type PouchStorage = ReturnType<typeof pouchStorage>;
