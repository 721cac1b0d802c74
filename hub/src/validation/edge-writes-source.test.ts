import { type DataClass, SITE_DOC_KINDS, siteDocKindsOf } from '@heng/schemas';
import { describe, expect, test } from 'vitest';
import { DATA_CLASSES } from '../auth/types.ts';
import { SITE_DBS, type SiteDb } from '../couch/index.ts';
import { refuseEdgeDoc } from '../gateway/policy.ts';
import { compileValidation } from './couch-validate.fixture.ts';
import { clearanceRole, EDGE_ROLE, edgeWritesSource, siteUserName } from './edge-writes-source.ts';

const SITE = 'lighting-01';
const siteUser = (clearance: DataClass) => ({
  db: `heng-site-${SITE}-control`,
  name: siteUserName(SITE),
  roles: [EDGE_ROLE, clearanceRole(clearance)],
});

const HUB_TYPES = ['app-install', 'package', 'trusted-key', 'revocation', 'site', 'token'];
const TYPES: unknown[] = [
  ...new Set(SITE_DOC_KINDS.flatMap((k) => (k.type ? [k.type] : []))),
  ...HUB_TYPES,
];

/** The documents of the gateway's write tests, and every type with every variation of a rule. */
function documents(): Array<Record<string, unknown>> {
  const docs: Array<Record<string, unknown>> = [
    { _id: 'event/1/a', _rev: '1-a', type: 'event', topic: 'lighting/fault' },
    { _id: 'app-install/evil', _rev: '1-b', type: 'app-install' },
    { _id: 'trust/k', _rev: '1-c', type: 'trusted-key' },
    { _id: 'command/old', _rev: '2-d', _deleted: true },
    { _id: 'event/2/b', _rev: '1-e', type: 'event', dataClass: 'secret' },
    { _id: 'event/3/c', _rev: '1-f', type: 'event', dataClass: 'top' },
    { _id: 'event/4/d', _rev: '1-g', type: 'event', site: 'pumping-02' },
    { _id: '_design/app', _rev: '1-h', type: 'event' },
    { _id: '_local/checkpoint', type: 'event' },
    { _id: 'untyped', _rev: '1-i' },
    { _id: 'site-status/current', _rev: '1-j', type: 'site-status', dataClass: 'public' },
    { _id: 'command/x', type: 'command', id: 'x' },
    { _id: 'command/hub-5f0c2a4e', type: 'command', id: 'hub-5f0c2a4e' },
    { _id: 'command/y', type: 'command', id: 'hub-5f0c2a4e' },
    { _id: 'numbered', type: 42 },
    { _id: 'nulled', type: null },
    { _id: 'null-class', type: 'event', dataClass: null },
  ];
  for (const type of [...TYPES, undefined]) {
    const base = { _id: `${String(type)}/1`, ...(type === undefined ? {} : { type }) };
    docs.push(base, { ...base, site: SITE }, { ...base, site: 'pumping-02' });
    docs.push({ ...base, _deleted: true }, { ...base, dataClass: 'top' });
    for (const dataClass of DATA_CLASSES) docs.push({ ...base, dataClass, site: SITE });
  }
  return docs;
}

describe.each(SITE_DBS)('the generated validate_doc_update of a %s database', (db: SiteDb) => {
  const validate = compileValidation(edgeWritesSource(SITE, db));

  test.each(DATA_CLASSES)(
    'accepts and refuses a new document exactly as the gateway does, for an edge cleared for %s',
    (clearance) => {
      const writer = { site: SITE, clearance };
      const docs = documents();
      const disagreements = docs
        .map((doc) => ({
          doc,
          gateway: refuseEdgeDoc(doc, db, writer),
          couchdb: validate(doc, null, siteUser(clearance)),
        }))
        .filter((r) => r.gateway !== r.couchdb);
      expect(disagreements).toEqual([]);
      // Both answers occur, so the agreement is not vacuous.
      expect(docs.some((doc) => refuseEdgeDoc(doc, db, writer) === undefined)).toBe(true);
      expect(docs.some((doc) => refuseEdgeDoc(doc, db, writer) !== undefined)).toBe(true);
    },
  );

  test("lets the hub (a server admin) write anything, the hub's records and deletions", () => {
    const admin = { name: 'heng-hub', roles: ['_admin'] };
    for (const doc of documents()) expect(validate(doc, null, admin)).toBeUndefined();
    expect(validate({ _id: 'event/1', _deleted: true }, { _id: 'event/1' }, admin)).toBeUndefined();
  });

  test('refuses every other writer: anonymous, another site, a user without the edge role', () => {
    const event = { _id: 'event/1', type: 'event', site: SITE, dataClass: 'public' };
    const others = [
      { name: null, roles: [] },
      { name: siteUserName('pumping-02'), roles: [EDGE_ROLE, clearanceRole('secret')] },
      { name: siteUserName(SITE), roles: [clearanceRole('secret')] },
      { name: 'admin-look-alike', roles: ['admin', EDGE_ROLE] },
    ];
    for (const user of others)
      expect(validate(event, null, user)).toMatch(
        /only the hub and the edge of site "lighting-01" \(CouchDB user heng-edge-lighting-01\)/,
      );
  });

  test('refuses everything an edge could write to a site user with no clearance role', () => {
    const user = { name: siteUserName(SITE), roles: [EDGE_ROLE] };
    const own = siteDocKindsOf(db, 'edge')[0];
    const doc = {
      _id: `${own?.prefix}x1`,
      type: own?.type,
      ...(own?.idField ? { [own.idField]: 'x1' } : {}),
      dataClass: 'public',
    };
    expect(validate(doc, null, user)).toMatch(/above the edge's clearance \(none\)/);
  });

  test('is plain ES5, which every JavaScript engine CouchDB 3 ships runs', () => {
    const source = edgeWritesSource(SITE, db);
    expect(source).not.toMatch(/=>|\?\?|\?\.|\b(let|const|class) +[\w$]+ *[={]|`/);
    expect(source).toMatch(/^function \(newDoc, oldDoc, userCtx, secObj\) \{/);
  });
});

describe('rules only the store can check, on the revision being replaced', () => {
  const control = compileValidation(edgeWritesSource(SITE, 'control'));
  const telemetry = compileValidation(edgeWritesSource(SITE, 'telemetry'));
  const edge = siteUser('secret');

  test('a telemetry batch is written once and never changed', () => {
    const batch = { _id: 'tb/1/lamp-01/a-0', type: 'telemetry-batch', site: SITE, readings: [] };
    expect(telemetry(batch, null, edge)).toBeUndefined();
    expect(telemetry({ ...batch, _rev: '1-a' }, { ...batch, _rev: '1-a' }, edge)).toMatch(
      /telemetry batches are immutable: tb\/1\/lamp-01\/a-0 exists already/,
    );
    expect(telemetry(batch, { _id: batch._id, _deleted: true }, edge)).toBeUndefined();
  });

  test('an edge may change its own records but never one the hub wrote, whatever type it gives it', () => {
    const status = { _id: 'plugin-status/p', type: 'plugin-status', site: SITE };
    expect(control({ ...status, state: 'running' }, status, edge)).toBeUndefined();
    const install = { _id: 'app-install/p', type: 'app-install' };
    expect(control({ _id: 'app-install/p', type: 'event' }, install, edge)).toMatch(
      /is the hub's \(app-install\/…\)/,
    );
    const hubCommand = { _id: 'command/hub-1', type: 'command', id: 'hub-1' };
    expect(
      control({ _id: 'command/hub-1', type: 'command', id: 'hub-1' }, hubCommand, edge),
    ).toMatch(/is the hub's \(command\/hub-…\)/);
    expect(
      control({ _id: 'event/9', type: 'event' }, { _id: 'event/9', _deleted: true }, edge),
    ).toBeUndefined();
  });
});
