import { expect, test } from 'vitest';
import { AuditTally } from './tally.ts';
import type { AuditEntry, AuditLog, AuditRecord } from './types.ts';

class Recording implements AuditLog {
  readonly records: AuditRecord[] = [];
  async append(record: AuditRecord): Promise<AuditEntry> {
    this.records.push(record);
    return { ...record, seq: this.records.length, at: '', prev: '', hash: '' };
  }
}

const refusal = (target: string): AuditRecord => ({
  actor: 'anonymous',
  action: 'auth.authenticate',
  target,
  outcome: 'refused',
  detail: { reason: 'no token' },
});

test('writes the first refusal of a kind at once and the rest of the window as one count', async () => {
  const audit = new Recording();
  const tally = new AuditTally(audit);
  for (let i = 0; i < 300; i++) await tally.count(refusal('GET /api/sites'));
  await tally.count(refusal('GET /api/me'));
  expect(audit.records.map((r) => r.target)).toEqual(['GET /api/sites', 'GET /api/me']);
  await tally.close();
  expect(audit.records).toHaveLength(3);
  expect(audit.records[2]).toMatchObject({
    target: 'GET /api/sites',
    detail: { reason: 'no token', count: 299, first: expect.any(String), last: expect.any(String) },
  });
  // A new window starts over: its first is written at once again.
  await tally.count(refusal('GET /api/sites'));
  expect(audit.records).toHaveLength(4);
  await tally.close();
});

test('counts kinds past its limit together, so made-up targets cannot grow the log', async () => {
  const audit = new Recording();
  const tally = new AuditTally(audit, { maxKinds: 3 });
  for (let i = 0; i < 100; i++) await tally.count(refusal(`GET /api/x${i}`));
  await tally.close();
  expect(audit.records.map((r) => r.target)).toEqual([
    'GET /api/x0',
    'GET /api/x1',
    'GET /api/x2',
    '*',
    '*',
  ]);
  expect(audit.records.at(-1)?.detail).toMatchObject({ count: 96 });
});
