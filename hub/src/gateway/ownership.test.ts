import { SITE_DBS, SITE_DOC_KINDS, type SiteDb, type SiteDocKind } from '@heng/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DATA_CLASSES } from '../auth/types.ts';
import { siteDbName } from '../couch/index.ts';
import { compileValidation } from '../validation/couch-validate.fixture.ts';
import {
  clearanceRole,
  EDGE_ROLE,
  edgeWritesSource,
  siteUserName,
} from '../validation/edge-writes-source.ts';
import { type GatewayHarness, startGateway } from './gateway.fixture.ts';
import { refuseEdgeDoc } from './policy.ts';

const SITE = 'lighting-01';
const TOKEN = 'edge-token-lighting-01';

/** Every type anything could claim: each kind's, some nobody's, and not strings at all. */
const TYPES: unknown[] = [
  ...new Set(SITE_DOC_KINDS.map((k) => k.type).filter((t) => t !== undefined)),
  'site',
  'token',
  'user',
  '',
  null,
  42,
  ['event'],
  { type: 'event' },
];

/** Every spelling of "delete this" and its look-alikes: every JSON type but `false` itself. */
const DELETED: unknown[] = [true, 1, -1, 'yes', 'true', 'false', '', 0, null, [], [false], {}];

/** An id of `kind` (a suffix that repeats in the id field where the kind has one). */
function idOf(kind: SiteDocKind, suffix = 'x1'): string {
  return `${kind.prefix}${suffix}`;
}

/** A body as the edge might send it for `id`: the kind's own type and id field, the site's. */
function bodyFor(kind: SiteDocKind, id: string): Record<string, unknown> {
  return {
    _id: id,
    ...(kind.type ? { type: kind.type } : {}),
    ...(kind.idField ? { [kind.idField]: id.slice(kind.prefix.length) } : {}),
    site: SITE,
    dataClass: 'internal',
  };
}

/** Every way to write, change or delete a document of `kind` through replication. */
function mutations(kind: SiteDocKind): Array<{ how: string; doc: Record<string, unknown> }> {
  const id = idOf(kind);
  const base = bodyFor(kind, id);
  const forms: Array<{ how: string; doc: Record<string, unknown> }> = [
    { how: 'a new document', doc: base },
    { how: 'an update of the stored revision', doc: { ...base, _rev: '1-aaaa' } },
    {
      how: 'a branch sharing history (new_edits:false)',
      doc: { ...base, _rev: '2-bbbb', _revisions: { start: 2, ids: ['bbbb', 'aaaa'] } },
    },
    {
      how: 'a branch sharing no history, written late',
      doc: {
        ...base,
        _rev: '9-cccc',
        _revisions: { start: 9, ids: ['cccc'] },
        updatedAt: '2999-01-01T00:00:00Z',
      },
    },
    {
      how: 'an inline attachment',
      doc: {
        ...base,
        _attachments: { 'x.html': { content_type: 'text/html', data: 'PGgxPmhpPC9oMT4=' } },
      },
    },
  ];
  for (const type of TYPES)
    forms.push({ how: `type ${JSON.stringify(type)}`, doc: { ...base, type, _rev: '1-aaaa' } });
  for (const deleted of DELETED)
    forms.push({
      how: `_deleted ${JSON.stringify(deleted)}`,
      doc: { _id: id, _rev: '2-dddd', _deleted: deleted },
    });
  return forms;
}

const HUB_KINDS = SITE_DOC_KINDS.filter((k) => k.owner === 'hub');
const EDGE_KINDS = SITE_DOC_KINDS.filter((k) => k.owner === 'edge');
const WRITER = { site: SITE, clearance: 'secret' as const };
const SITE_USER = {
  name: siteUserName(SITE),
  roles: [EDGE_ROLE, clearanceRole('secret')],
};
const validators = Object.fromEntries(
  SITE_DBS.map((db) => [db, compileValidation(edgeWritesSource(SITE, db))]),
) as Record<SiteDb, ReturnType<typeof compileValidation>>;

const HUB_CASES = HUB_KINDS.flatMap((kind) =>
  mutations(kind).map((m) => ({ kind: kind.kind, db: kind.db, ...m })),
);

describe('every hub-owned kind × every way to write it', () => {
  test.each(HUB_CASES)(
    '$kind ($db), $how: refused by the gateway and by CouchDB alike',
    ({ db, doc }) => {
      const gateway = refuseEdgeDoc(doc, db, WRITER);
      expect(gateway).toBeDefined();
      expect(validators[db](doc, null, SITE_USER)).toBe(gateway);
      // With a stored revision of the hub's beneath it, still refused, for the same reason.
      expect(validators[db](doc, { _id: doc['_id'], _rev: '1-aaaa' }, SITE_USER)).toBe(gateway);
    },
  );
});

describe('every edge-owned kind: its own form is taken, every other form refused', () => {
  const cases = EDGE_KINDS.flatMap((kind) =>
    mutations(kind).map((m) => ({ kind: kind.kind, db: kind.db, ...m })),
  );
  test.each(cases)('$kind ($db), $how: the gateway and CouchDB agree', ({ db, doc }) => {
    expect(validators[db](doc, null, SITE_USER)).toBe(refuseEdgeDoc(doc, db, WRITER));
  });

  test.each(EDGE_KINDS)('$kind: the edge’s own document is accepted', (kind) => {
    expect(refuseEdgeDoc(bodyFor(kind, idOf(kind)), kind.db, WRITER)).toBeUndefined();
  });

  test.each(EDGE_KINDS)('$kind: a deletion of any spelling is refused', (kind) => {
    for (const deleted of DELETED)
      expect(refuseEdgeDoc({ _id: idOf(kind), _deleted: deleted }, kind.db, WRITER)).toBe(
        'an edge may not delete documents',
      );
  });

  test('an edge command cannot pose as a hub command through its id field', () => {
    const doc = { _id: 'command/abc', type: 'command', id: 'hub-abc', site: SITE };
    expect(refuseEdgeDoc(doc, 'control', WRITER)).toMatch(/field id must repeat the id/);
  });

  test.each(DATA_CLASSES)('a document of class %s against every clearance', (dataClass) => {
    for (const clearance of DATA_CLASSES) {
      const doc = { ...bodyFor(EDGE_KINDS[0] as SiteDocKind, 'command/c1'), dataClass };
      const user = { name: siteUserName(SITE), roles: [EDGE_ROLE, clearanceRole(clearance)] };
      expect(validators.control(doc, null, user)).toBe(
        refuseEdgeDoc(doc, 'control', { site: SITE, clearance }),
      );
    }
  });
});

describe('ids in no namespace, _local and _design', () => {
  const odd = [
    'nobody/1',
    'commands/x',
    'app-installs/x',
    'Event/1',
    '_local/x',
    '_design/x',
    '_users',
  ];
  test.each(odd)('%s is refused in control by both layers', (id) => {
    const doc = { _id: id, type: 'event', site: SITE };
    const reason = refuseEdgeDoc(doc, 'control', WRITER);
    expect(reason).toBeDefined();
    expect(validators.control(doc, null, SITE_USER)).toBe(reason);
  });
});

describe('through the gateway, against a store holding the hub’s documents', () => {
  let hub: GatewayHarness;
  const stored = new Map<string, { _id: string; _rev: string }>();

  beforeAll(async () => {
    hub = await startGateway();
    hub.auth.edge(SITE, TOKEN, 'secret');
    for (const kind of HUB_KINDS.filter((k) => k.prefix !== '_design/')) {
      const db = hub.couch.db(siteDbName(SITE, kind.db));
      const doc = { ...bodyFor(kind, idOf(kind)), by: 'hub' };
      const { id, rev } = await db.insert(doc as never);
      stored.set(`${kind.db}:${id}`, { _id: id, _rev: rev });
    }
  });
  afterAll(() => hub.close());

  const cases = HUB_KINDS.filter((k) => k.prefix !== '_design/').flatMap((kind) =>
    [true, false].map((newEdits) => ({ kind, newEdits })),
  );

  test.each(cases)(
    '$kind.kind, new_edits $newEdits: every form forbidden, the hub’s revision stands alone',
    async ({ kind, newEdits }) => {
      const key = `${kind.db}:${idOf(kind)}`;
      const original = stored.get(key);
      if (!original) throw new Error(`nothing stored for ${key}`);
      const hubRev = original._rev;
      const hash = hubRev.split('-')[1] ?? '';
      // Each form once with the stored revision, so that a write that got through would replace it.
      const docs = mutations(kind).map(({ doc }) =>
        '_revisions' in doc
          ? { ...doc, _revisions: { start: 2, ids: ['eeee', hash] }, _rev: '2-eeee' }
          : { ...doc, _rev: newEdits ? hubRev : '2-ffff' },
      );
      const reply = await fetch(`${hub.sync}/${SITE}/${kind.db}/_bulk_docs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ docs, new_edits: newEdits }),
      });
      const results = (await reply.json()) as Array<{ error?: string }>;
      expect(results).toHaveLength(docs.length);
      expect(results.every((r) => r.error === 'forbidden')).toBe(true);
      const db = hub.couch.db(siteDbName(SITE, kind.db));
      const now = (await db.get(idOf(kind), { conflicts: true })) as unknown as Record<
        string,
        unknown
      >;
      expect(now['_rev']).toBe(hubRev);
      expect(now['_conflicts']).toBeUndefined();
      expect(now['by']).toBe('hub');
    },
  );
});
