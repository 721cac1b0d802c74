import { EventBus } from '@heng/core';
import {
  type Command,
  type CommandOutcome,
  HengError,
  type HengEvent,
  outcomeDocId,
} from '@heng/schemas';
import memory from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CommandProcessor } from '../commands/index.ts';
import { EdgePlugins } from './plugins.ts';

const MemoryPouch = PouchDB.plugin(memory);
let control: PouchDB.Database;
let local: PouchDB.Database;
let bus: EventBus;
let plugins: EdgePlugins;
let processor: CommandProcessor;
const logs: string[] = [];
const written: Array<[string, string, unknown]> = [];

const manifest = {
  id: 'city.hengyang.pump-guard',
  name: 'Pump guard',
  version: '1.0.0',
  vendor: { name: 'Hengyang Water' },
  engines: { heng: '^0.1.0' },
  runsOn: ['edge'],
  entry: 'dist/plugin.js',
  permissions: [
    { capability: 'telemetry:read', points: ['+/+/level'] },
    {
      capability: 'command:write',
      points: ['+/+/pump-1-start'],
      rate: { count: 10, perSeconds: 60 },
    },
    { capability: 'events:publish', topics: ['pump/#'] },
  ],
};
// Starts the pump when the level passes 3.5 m, and says so.
const bundle = `export default {
  async onTelemetry(r, { heng }) {
    if (r.value <= 3.5) return;
    heng.log.warn('level high', { level: r.value });
    await heng.events.publish('pump/high-level', { level: r.value }, { level: 2 });
    await heng.commands.send({ point: r.site + '/' + r.device + '/pump-1-start', value: true, reason: 'level above 3.5 m' });
  },
};`;

beforeEach(async () => {
  control = new MemoryPouch(`control-${Math.random()}`, { adapter: 'memory' });
  local = new MemoryPouch(`local-${Math.random()}`, { adapter: 'memory' });
  bus = new EventBus();
  logs.length = 0;
  written.length = 0;
  plugins = new EdgePlugins({
    site: 'pump-2',
    control,
    local,
    bus,
    log: (id, level, message) => logs.push(`${id} ${level} ${message}`),
  });
  await plugins.host.install({ manifest, bundle });
  await plugins.host.activate(manifest.id);
});

afterEach(async () => {
  await processor?.close();
  await plugins.dispose();
  bus.dispose();
  await control.destroy();
  await local.destroy();
});

function outcomeOf(id: string): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    const feed = control
      .changes({ live: true, since: 0, include_docs: true })
      .on('change', (change) => {
        if (change.id === outcomeDocId(id)) {
          feed.cancel();
          resolve(change.doc as unknown as CommandOutcome);
        }
      });
  });
}

describe('edge plugins', () => {
  test('get the readings their grant covers, and their commands pass the same checks as any other', async () => {
    processor = new CommandProcessor({
      db: control,
      site: 'pump-2',
      writer: {
        async write(device, point, value) {
          if (point !== 'pump-1-start')
            throw new HengError('permission_denied', `${point} is not writable`);
          written.push([device, point, value]);
          return { readBack: value };
        },
      },
    });
    await processor.start();
    const raised = new Promise<HengEvent>((resolve) => bus.subscribe('pump/#', resolve));
    await plugins.deliver('station-1', {
      point: 'flow',
      value: 99,
      quality: 'good',
      ts: new Date().toISOString(),
    });
    await plugins.deliver('station-1', {
      point: 'level',
      value: 3.8,
      quality: 'good',
      ts: new Date().toISOString(),
    });
    expect((await raised).payload).toEqual({ level: 3.8 });
    const commands = await control.allDocs<Command>({
      startkey: 'command/',
      endkey: 'command/\ufff0',
      include_docs: true,
    });
    expect(commands.rows.map((r) => r.doc)).toEqual([
      expect.objectContaining({
        site: 'pump-2',
        device: 'station-1',
        point: 'pump-1-start',
        value: true,
        requestedBy: { kind: 'plugin', id: manifest.id },
        reason: 'level above 3.5 m',
      }),
    ]);
    const outcome = await outcomeOf(commands.rows[0]!.doc!.id);
    expect(outcome).toMatchObject({ status: 'applied', readBack: true });
    expect(written).toEqual([['station-1', 'pump-1-start', true]]);
    expect(logs).toEqual([`${manifest.id} warn level high`]);
  });

  test('leave an audit trail of their host calls in the local database', async () => {
    await plugins.deliver('station-1', {
      point: 'level',
      value: 4,
      quality: 'good',
      ts: new Date().toISOString(),
    });
    await plugins.audit.flush();
    const audit = await local.allDocs<{ action: string; outcome: string; actor: string }>({
      startkey: 'audit/',
      endkey: 'audit/\ufff0',
      include_docs: true,
    });
    expect(audit.rows.map((r) => [r.doc!.action, r.doc!.outcome])).toEqual([
      ['events.publish', 'allowed'],
      ['commands.send', 'allowed'],
    ]);
  });
});
