import { expect, test } from 'vitest';
import { Couch } from '../couch/index.ts';
import { RecordingAudit } from './catalog.fixture.ts';
import { CATALOG_OPERATIONS } from './operations.ts';
import { catalogRoutes } from './routes.ts';

test('describes every route the catalog serves, and nothing else', () => {
  // Listing routes contacts no store: a Couch pointed nowhere is enough.
  const couch = new Couch({ url: 'http://127.0.0.1:9' });
  const app = catalogRoutes({
    couch,
    audit: new RecordingAudit(),
    requireAbility: () => async (_c, next) => next(),
  });
  const served = new Set(app.routes.map((r) => `${r.method.toLowerCase()} ${r.path}`));
  const described = new Set(CATALOG_OPERATIONS.map((o) => `${o.method} ${o.path}`));
  expect([...served].sort()).toEqual([...described].sort());
});
