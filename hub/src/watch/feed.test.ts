import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { STORE_TARGETS, type StoreTarget, uniqueDbName } from '../couch/targets.fixture.ts';
import { type ChangeRow, ChangesFeed, type Seq } from './feed.ts';

describe.each(STORE_TARGETS)('following a changes feed on $name', (target: StoreTarget) => {
  let store: Awaited<ReturnType<StoreTarget['open']>>;
  let db = '';
  const feeds: ChangesFeed[] = [];

  beforeEach(async (context) => {
    if (target.skip) return context.skip(target.skip);
    store = await target.open();
    db = uniqueDbName('feed');
    await store.couch.ensureDb(db);
  });
  afterEach(async () => {
    for (const f of feeds.splice(0)) await f.dispose();
    if (!store) return;
    await store.couch.dropDb(db);
    await store.close();
  });

  /** Follows `db` from `since`, collecting rows until `until` accepts them. */
  const follow = (since: Seq, until: (rows: ChangeRow[]) => boolean) => {
    const rows: ChangeRow[] = [];
    let feed: ChangesFeed | undefined;
    const done = new Promise<{ rows: ChangeRow[]; lastSeq: Seq }>((resolve) => {
      feed = new ChangesFeed({
        couch: store.couch,
        db,
        since,
        longpollMs: 2_000,
        pageSize: 2,
        onPage: async (page, lastSeq) => {
          rows.push(...page);
          if (until(rows)) resolve({ rows, lastSeq });
        },
      });
      feeds.push(feed);
      feed.start();
    });
    return done;
  };

  test('brings existing and new documents, with their bodies, page by page', async () => {
    const d = store.couch.db(db);
    await d.insert({ type: 'event', n: 1 } as never, 'a');
    await d.insert({ type: 'event', n: 2 } as never, 'b');
    await d.insert({ type: 'event', n: 3 } as never, 'c');
    // A sharded CouchDB gives changes in no set order: wait for all four, compare as a set.
    const seen = follow(0, (rows) =>
      ['a', 'b', 'c', 'd'].every((id) => rows.some((r) => r.id === id)),
    );
    await d.insert({ type: 'event', n: 4 } as never, 'd');
    const { rows } = await seen;
    // At least once: a page may come again after a retry, so compare the ids as a set.
    expect([...new Set(rows.map((r) => r.id))].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(rows.find((r) => r.id === 'd')?.doc).toMatchObject({ _id: 'd', n: 4 });
  });

  test('starts after a saved position without bringing what came before it', async () => {
    const d = store.couch.db(db);
    await d.insert({ type: 'event' } as never, 'old');
    const first = await follow(0, (rows) => rows.some((r) => r.id === 'old'));
    await feeds.pop()?.dispose();
    await d.insert({ type: 'event' } as never, 'new');
    const { rows } = await follow(first.lastSeq, (r) => r.length > 0);
    expect(rows.map((r) => r.id)).toEqual(['new']);
  });

  test('a shutdown does not wait for ever on a stuck page handler, and says which page it left', async () => {
    await store.couch.db(db).insert({ type: 'event' } as never, 'stuck-doc');
    const faults: string[] = [];
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const feed = new ChangesFeed({
      couch: store.couch,
      db,
      since: 0,
      disposeWaitMs: 50,
      onPage: () => {
        entered();
        return new Promise<void>(() => {}); // never settles, as a store call that hangs
      },
      onFault: (error) => faults.push(error.message),
    });
    feed.start();
    await inHandler;
    await feed.dispose();
    expect(faults).toEqual([expect.stringMatching(/page handler still ran on stuck-doc/)]);
  });
});
