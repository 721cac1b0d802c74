import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBus } from '@heng/core';
import type { DataClass } from '@heng/schemas';
import { expect, test } from 'vitest';
import { openDatabase, SegmentedTelemetry } from '../store/index.ts';
import { startTestHub } from './hub.fixture.ts';
import { startSync, writeEventsToControl } from './index.ts';

const SITE = 'lighting-01';

test('sends the hub every event raised at the edge, whatever its class, each with its dataClass', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'heng-events-hub-'));
  const hub = await startTestHub({ dir: path.join(dir, 'hub'), sites: [SITE] });
  const control = await openDatabase(path.join(dir, 'edge'), 'control');
  const segments = new SegmentedTelemetry(path.join(dir, 'edge', 'telemetry'));
  const bus = new EventBus();
  const events = writeEventsToControl({ bus, control, site: SITE });
  const sync = startSync({
    hub: hub.url,
    site: SITE,
    token: hub.tokens[SITE] ?? '',
    control,
    telemetry: segments,
    backoff: { initialMs: 20, maxMs: 200 },
    scanEveryMs: 0,
  });
  try {
    const classes: DataClass[] = ['public', 'internal', 'restricted', 'secret'];
    for (const dataClass of classes)
      bus.publish({
        id: `e-${dataClass}`,
        topic: 'lighting/door/opened',
        source: `edge:${SITE}`,
        ts: '2026-11-28T08:00:00.000Z',
        payload: {},
        dataClass,
      });
    await bus.idle();
    await events.idle();
    const docs = await hub.waitFor(
      SITE,
      'control',
      (all) => all.filter((d) => d['type'] === 'event').length === classes.length,
    );
    const atHub = docs
      .filter((d) => d['type'] === 'event')
      .map((d) => [d['id'], d['dataClass'], d['site']]);
    expect(atHub.sort()).toEqual(classes.map((c) => [`e-${c}`, c, SITE]).sort());
  } finally {
    await sync.dispose();
    await events.dispose();
    bus.dispose();
    await segments.close();
    await control.close();
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
});
