import { describe, expect, test } from 'vitest';
import { pickWinner, type Revision } from './winner.ts';

const rev = (r: string, fields: Record<string, unknown> = {}): Revision => ({
  _id: 'd',
  _rev: r,
  ...fields,
});

describe('the winner of a conflict', () => {
  test('is the revision with the latest updatedAt, wherever CouchDB put it', () => {
    const revs = [
      rev('2-c', { updatedAt: '2025-01-01T00:00:00Z' }),
      rev('2-b', { updatedAt: '2025-01-03T00:00:00Z' }),
      rev('2-a', { updatedAt: '2025-01-02T00:00:00Z' }),
    ];
    expect(pickWinner(revs)).toEqual({ winner: revs[1], rule: 'updatedAt' });
  });

  test('uses ts for a revision without updatedAt, and a revision with a time beats one without', () => {
    const revs = [rev('2-c'), rev('2-b', { ts: '2025-01-01T00:00:00Z' })];
    expect(pickWinner(revs)).toEqual({ winner: revs[1], rule: 'ts' });
  });

  test("keeps CouchDB's pick on a tie, on no times at all, and on times that are not times", () => {
    const tie = [
      rev('2-c', { updatedAt: '2025-01-01T00:00:00Z' }),
      rev('2-b', { updatedAt: '2025-01-01T00:00:00.000Z' }),
    ];
    expect(pickWinner(tie).winner).toBe(tie[0]);
    const none = [rev('2-c'), rev('2-b', { updatedAt: 'yesterday', ts: 7 })];
    expect(pickWinner(none)).toEqual({ winner: none[0], rule: 'couchdb' });
  });
});
