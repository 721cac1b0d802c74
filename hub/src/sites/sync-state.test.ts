import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HengError } from '@heng/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type HubStore, openHubStore } from '../couch/index.ts';
import { ONLINE_WINDOW_MS, SyncTracker } from './sync-state.ts';

let dir: string;
let store: HubStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-sync-state-'));
  store = await openHubStore({ dataDir: dir });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A tracker on a clock the test moves. */
function trackerAt(options: { onlineWindowMs?: number } = {}) {
  let now = new Date('2025-01-01T00:00:00Z');
  const tracker = new SyncTracker({ ...options, now: () => now });
  return {
    tracker,
    later: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('SyncTracker online window', () => {
  test('counts an edge online for 90 s after its last request by default', async () => {
    const { tracker, later } = trackerAt();
    expect(tracker.onlineWindowMs).toBe(ONLINE_WINDOW_MS);
    tracker.seen('lighting-01');
    later(ONLINE_WINDOW_MS - 1);
    expect((await tracker.state(store.couch, 'lighting-01')).online).toBe(true);
    later(1);
    expect((await tracker.state(store.couch, 'lighting-01')).online).toBe(false);
  });

  test('uses the window it is given', async () => {
    const { tracker, later } = trackerAt({ onlineWindowMs: 10_000 });
    tracker.seen('pumping-01');
    later(9_999);
    expect((await tracker.state(store.couch, 'pumping-01')).online).toBe(true);
    later(1);
    const state = await tracker.state(store.couch, 'pumping-01');
    expect(state.online).toBe(false);
    expect(state.lastSeen).toBe('2025-01-01T00:00:00.000Z');
  });

  test('counts a site never seen as offline', async () => {
    const { tracker } = trackerAt({ onlineWindowMs: 10_000 });
    expect((await tracker.state(store.couch, 'never-seen')).online).toBe(false);
  });

  test.each([0, 4_999, 1.5e3 + 0.5, 86_400_001, Number.NaN])('refuses a window of %s ms', (ms) => {
    expect(() => new SyncTracker({ onlineWindowMs: ms })).toThrow(HengError);
    expect(() => new SyncTracker({ onlineWindowMs: ms })).toThrow(/online window: .*got/);
  });
});
