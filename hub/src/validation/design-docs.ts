/**
 * @module The validation design document of a site's database: installed by the hub (a server
 * admin, the only one CouchDB lets write `_design/…`), replaced only when its source changed, so
 * a restart writes nothing and a new policy reaches every site at the next start.
 */
import {
  type Couch,
  couchStatus,
  SITE_DBS,
  type SiteDb,
  siteDbName,
  storeError,
} from '../couch/index.ts';
import { edgeWritesSource } from './edge-writes-source.ts';

/** `_design/heng-edge-writes`, one per site database. */
export const VALIDATION_DDOC_ID = '_design/heng-edge-writes';

interface ValidationDesignDoc {
  _id: string;
  _rev?: string;
  language: 'javascript';
  validate_doc_update: string;
}

/** The design document for `site`'s `db`, as it should be in the store. */
export function validationDesignDoc(site: string, db: SiteDb): ValidationDesignDoc {
  return {
    _id: VALIDATION_DDOC_ID,
    language: 'javascript',
    validate_doc_update: edgeWritesSource(site, db),
  };
}

/**
 * Puts the validation design document into one of the site's databases unless the same source is
 * there. Returns whether it wrote. Two hubs installing at once: the loser's 409 is harmless when
 * the winner wrote the same source, and reported otherwise.
 */
export async function installValidation(couch: Couch, site: string, db: SiteDb): Promise<boolean> {
  const name = siteDbName(site, db);
  const wanted = validationDesignDoc(site, db);
  const store = couch.db<ValidationDesignDoc>(name);
  let current: ValidationDesignDoc | undefined;
  try {
    current = await store.get(VALIDATION_DDOC_ID);
  } catch (err) {
    if (couchStatus(err) !== 404) throw storeError(err, `read ${VALIDATION_DDOC_ID} in ${name}`);
  }
  if (current?.validate_doc_update === wanted.validate_doc_update) return false;
  try {
    await store.insert(current?._rev ? { ...wanted, _rev: current._rev } : wanted);
    return true;
  } catch (err) {
    if (couchStatus(err) === 409) {
      const again = await store.get(VALIDATION_DDOC_ID).catch(() => undefined);
      if (again?.validate_doc_update === wanted.validate_doc_update) return false;
    }
    throw storeError(err, `install ${VALIDATION_DDOC_ID} in ${name}`);
  }
}

/** Installs the validation into every database of the site; returns the databases written. */
export async function installSiteValidation(couch: Couch, site: string): Promise<SiteDb[]> {
  const written: SiteDb[] = [];
  for (const db of SITE_DBS) if (await installValidation(couch, site, db)) written.push(db);
  return written;
}
