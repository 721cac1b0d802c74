import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SITE_DBS, siteDbName } from '../couch/index.ts';
import { STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import {
  installSiteValidation,
  installValidation,
  VALIDATION_DDOC_ID,
  validationDesignDoc,
} from './design-docs.ts';
import { uniqueSiteId } from './site.fixture.ts';

describe.each(STORE_TARGETS)('validation design documents on $name', (target: StoreTarget) => {
  let store: Awaited<ReturnType<StoreTarget['open']>>;
  let site: string;

  beforeEach(async (context) => {
    if (target.skip) return context.skip(target.skip);
    store = await target.open();
    site = uniqueSiteId();
    for (const db of SITE_DBS) await store.couch.ensureDb(siteDbName(site, db));
  });
  afterEach(async () => {
    if (!store) return;
    for (const db of SITE_DBS) await store.couch.dropDb(siteDbName(site, db));
    await store.close();
  });

  test('are installed in both site databases, each with its own rules', async () => {
    expect(await installSiteValidation(store.couch, site)).toEqual(['control', 'telemetry']);
    for (const db of SITE_DBS) {
      const ddoc = await store.couch
        .db<{ validate_doc_update: string }>(siteDbName(site, db))
        .get(VALIDATION_DDOC_ID);
      expect(ddoc.validate_doc_update).toBe(validationDesignDoc(site, db).validate_doc_update);
    }
  });

  test('are not written again when the source is the same, so a restart writes nothing', async () => {
    await installSiteValidation(store.couch, site);
    expect(await installSiteValidation(store.couch, site)).toEqual([]);
    const ddoc = await store.couch.db(siteDbName(site, 'control')).get(VALIDATION_DDOC_ID);
    expect(ddoc._rev).toMatch(/^1-/);
  });

  test('are replaced when the policy changed since they were installed', async () => {
    const db = store.couch.db<Record<string, unknown>>(siteDbName(site, 'control'));
    await db.insert({
      _id: VALIDATION_DDOC_ID,
      language: 'javascript',
      validate_doc_update: 'function () {}',
    });
    expect(await installValidation(store.couch, site, 'control')).toBe(true);
    const ddoc = await db.get(VALIDATION_DDOC_ID);
    expect(ddoc._rev).toMatch(/^2-/);
    expect(ddoc).toMatchObject(validationDesignDoc(site, 'control'));
  });
});
