import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBus, eventDocId } from '@heng/core';
import { expect, test } from 'vitest';
import { openDatabase } from '../store/index.ts';
import { hubFromFlags, writeEventsToControl } from './index.ts';

test('writes every event raised at the edge once, as an immutable event document', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'heng-events-'));
  const control = await openDatabase(dir, 'control');
  const bus = new EventBus();
  const out = writeEventsToControl({ bus, control, site: 'lighting-01' });
  const event = {
    id: 'e1',
    topic: 'lighting/fault/lamp-1',
    source: 'edge:lighting-01',
    ts: '2026-11-27T12:00:00.000Z',
    level: 3 as const,
    payload: { lamp: 'lamp-1' },
    dataClass: 'internal' as const,
  };
  bus.publish(event);
  bus.publish(event);
  await bus.idle();
  await out.idle();
  const doc = await control.get(eventDocId(event));
  expect(doc).toMatchObject({ ...event, type: 'event', site: 'lighting-01' });
  expect(doc._rev).toMatch(/^1-/);
  await out.dispose();
  bus.dispose();
  await control.close();
  await rm(dir, { recursive: true, force: true });
});

test('sends every event whatever its class, each carrying its dataClass for the hub to filter by', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'heng-events-'));
  const control = await openDatabase(dir, 'control');
  const bus = new EventBus();
  const errors: Error[] = [];
  const out = writeEventsToControl({
    bus,
    control,
    site: 'lighting-01',
    onError: (error) => errors.push(error),
  });
  const base = { source: 'edge:lighting-01', ts: '2026-11-27T12:00:00.000Z', payload: {} };
  bus.publish({ ...base, id: 'secret-1', topic: 'security/door', dataClass: 'secret' });
  // One that slipped through without a class (a host that did not set it) is `internal`.
  bus.publish({ ...base, id: 'plain-1', topic: 'lighting/on' } as never);
  // One that breaks the event schema is not written, and the caller is told why.
  bus.publish({ ...base, id: 'bad id!', topic: 'lighting/on', dataClass: 'public' });
  await bus.idle();
  await out.idle();
  const docs = await control.allDocs({
    include_docs: true,
    startkey: 'event/',
    endkey: 'event/\uffff',
  });
  expect(docs.rows.map((row) => [row.id, (row.doc as { dataClass?: string }).dataClass])).toEqual([
    ['event/2026-11-27T12:00:00.000Z/plain-1', 'internal'],
    ['event/2026-11-27T12:00:00.000Z/secret-1', 'secret'],
  ]);
  expect(errors.map((e) => e.message).join()).toMatch(/event in event\/.*bad id!.*\/id/);
  await out.dispose();
  bus.dispose();
  await control.close();
  await rm(dir, { recursive: true, force: true });
});

test('takes the hub token from the environment and never repeats it in an error', () => {
  expect(hubFromFlags({ hub: 'http://hub:8080' }, { HENG_EDGE_TOKEN: 's3cret' })).toMatchObject({
    token: 's3cret',
  });
  expect(hubFromFlags({}, {})).toBeUndefined();
  expect(() => hubFromFlags({ hub: 'http://hub:8080' }, {})).toThrow(/HENG_EDGE_TOKEN/);
  expect(() => hubFromFlags({ hub: 'http://u:s3cret@hub' }, {})).toThrow(/no credentials/);
  try {
    hubFromFlags({ hub: 'http://u:s3cret@hub' }, {});
  } catch (error) {
    expect((error as Error).message).not.toContain('s3cret');
  }
});
