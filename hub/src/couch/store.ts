/**
 * @module Opens the hub's store: a real CouchDB when a URL is given, else the embedded server
 * under the data folder, both behind the same `Couch`.
 */
import path from 'node:path';
import { Couch, parseCouchUrl } from './couch.ts';
import { startEmbeddedCouch } from './embedded.ts';

export interface HubStore extends AsyncDisposable {
  couch: Couch;
  /** `embedded` or `couchdb`, for health and logs. */
  kind: 'embedded' | 'couchdb';
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** The hub's data folder; the embedded store keeps its databases in `<dataDir>/couch`. */
  dataDir: string;
  /** A CouchDB URL (credentials in it are taken out of the URL). */
  couchdbUrl?: string | undefined;
}

export async function openHubStore(options: OpenStoreOptions): Promise<HubStore> {
  if (options.couchdbUrl) {
    const couch = new Couch(parseCouchUrl(options.couchdbUrl));
    await couch.ping();
    const close = async () => {};
    return { couch, kind: 'couchdb', close, [Symbol.asyncDispose]: close };
  }
  const embedded = await startEmbeddedCouch({ dir: path.join(options.dataDir, 'couch') });
  const couch = new Couch({ url: embedded.url, credentials: embedded.credentials });
  return { couch, kind: 'embedded', close: embedded.close, [Symbol.asyncDispose]: embedded.close };
}
