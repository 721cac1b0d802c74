/** @module A site's health and sync progress. */
import { deepEqual, describe, equal, it } from '../../test/harness.ts';
import { healthOf, progressOf } from './index.ts';

const sync = (o: Partial<Parameters<typeof healthOf>[0]>) => ({
  online: true,
  lastSeen: '2026-11-28T10:00:00Z',
  pending: { push: 0, pull: 0 },
  lagMs: 0,
  reportedAt: null,
  ...o,
});

describe('site health', () => {
  it('is unknown, offline, lagging or healthy', () => {
    equal(healthOf(sync({ lastSeen: null, online: false })), 'unknown');
    equal(healthOf(sync({ online: false })), 'offline');
    equal(healthOf(sync({ lagMs: 10 * 60_000 })), 'lagging');
    equal(healthOf(sync({ pending: { push: 5000, pull: 0 } })), 'lagging');
    equal(healthOf(sync({})), 'healthy');
  });

  it('fills the progress bar as the backlog drains', () => {
    deepEqual(progressOf(null, 0), null);
    deepEqual(progressOf(0, 0), { value: 1, max: 1 });
    deepEqual(progressOf(100, 100), { value: 0, max: 100 });
    deepEqual(progressOf(25, 100), { value: 75, max: 100 });
  });
});
