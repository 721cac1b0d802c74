import { flowsVersionDocId } from '@heng/schemas';
import memory from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type FlowsVersion, pouchStorage } from './storage.ts';

const MemoryPouch = PouchDB.plugin(memory);
let control: PouchDB.Database;
let local: PouchDB.Database;

beforeEach(() => {
  control = new MemoryPouch(`control-${Math.random()}`, { adapter: 'memory' });
  local = new MemoryPouch(`local-${Math.random()}`, { adapter: 'memory' });
});
afterEach(async () => {
  await control.destroy();
  await local.destroy();
});

const storage = () =>
  pouchStorage({
    site: 'lighting-01',
    control,
    local,
    now: () => Date.parse('2026-11-28T08:00:00Z'),
  });

describe('pouchStorage', () => {
  test('keeps every deploy as a new version and serves the latest', async () => {
    const s = storage();
    await s.init();
    expect(await s.getFlows()).toEqual([]);
    await s.saveFlows([{ id: 'a', type: 'tab' }], { username: 'tech-1' });
    await s.saveFlows([{ id: 'b', type: 'tab' }]);
    expect(await s.getFlows()).toEqual([{ id: 'b', type: 'tab' }]);
    const first = await control.get<FlowsVersion>(flowsVersionDocId(1));
    expect(first).toMatchObject({
      type: 'flows',
      site: 'lighting-01',
      version: 1,
      savedBy: 'tech-1',
      flows: [{ id: 'a', type: 'tab' }],
    });
    expect(await control.get(flowsVersionDocId(2))).toMatchObject({ version: 2 });
  });

  test('gives two concurrent deploys two versions, losing neither', async () => {
    const s = storage();
    await Promise.all([s.saveFlows([{ id: 'x' }]), s.saveFlows([{ id: 'y' }])]);
    const versions = await control.allDocs({ startkey: 'flows/v', endkey: 'flows/v\ufff0' });
    expect(versions.rows.map((r) => r.id)).toEqual([flowsVersionDocId(1), flowsVersionDocId(2)]);
  });

  test('keeps credentials, sessions and settings out of the replicated database', async () => {
    const s = storage();
    await s.saveCredentials({ $: 'encrypted' });
    await s.saveSessions({ token: 'secret' });
    await s.saveSettings({ theme: 'dark' });
    expect(await s.getCredentials()).toEqual({ $: 'encrypted' });
    expect(await s.getSessions()).toEqual({ token: 'secret' });
    expect(await s.getSettings()).toEqual({ theme: 'dark' });
    expect((await control.allDocs()).rows).toEqual([]);
  });

  test('stores library entries and lists folders, refusing paths that climb out', async () => {
    const s = storage();
    await s.saveLibraryEntry('flows', 'lighting/night.json', { name: 'night' }, '[1]');
    await s.saveLibraryEntry('flows', 'top.json', {}, '[2]');
    expect(await s.getLibraryEntry('flows', 'lighting/night.json')).toBe('[1]');
    expect(await s.getLibraryEntry('flows', '')).toEqual(['lighting', { fn: 'top.json' }]);
    expect(await s.getLibraryEntry('flows', 'lighting')).toEqual([
      { fn: 'night.json', name: 'night' },
    ]);
    await expect(s.saveLibraryEntry('flows', '../etc/passwd', {}, 'x')).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
