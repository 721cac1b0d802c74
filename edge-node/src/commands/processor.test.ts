import { type Command, type CommandOutcome, HengError, outcomeDocId } from '@heng/schemas';
import memory from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CommandProcessor, type PointWriter } from './index.ts';

const MemoryPouch = PouchDB.plugin(memory);
const NOW = Date.parse('2026-11-28T08:00:00Z');

let db: PouchDB.Database;
let processor: CommandProcessor | undefined;
let written: Array<[string, string, unknown]>;

/** A device with one dimming point, 0..100, that takes what it is given. */
const dimmer: PointWriter = {
  async write(device, point, value) {
    if (point !== 'dimming') throw new HengError('not_found', `no point ${point} on ${device}`);
    if (typeof value !== 'number' || value < 0 || value > 100) {
      throw new HengError(
        'invalid_input',
        `${device}/${point}: ${String(value)} is above the max of 100`,
      );
    }
    if (device === 'dead-lamp')
      throw new HengError('internal', `${device} did not answer (timeout)`);
    written.push([device, point, value]);
    return { readBack: value };
  },
};

beforeEach(() => {
  db = new MemoryPouch(`commands-${Math.random()}`, { adapter: 'memory' });
  written = [];
});
afterEach(async () => {
  await processor?.close();
  processor = undefined;
  await db.destroy();
});

const command = (id: string, extra: Partial<Command> = {}): Command & { _id: string } => ({
  _id: `command/${id}`,
  type: 'command',
  id,
  site: 'lighting-01',
  device: 'lamp-1',
  point: 'dimming',
  value: 40,
  requestedBy: { kind: 'user', id: 'operator-7' },
  reason: 'night plan',
  ts: new Date(NOW).toISOString(),
  ...extra,
});

async function outcome(id: string): Promise<CommandOutcome> {
  return db.get<CommandOutcome>(outcomeDocId(id));
}

async function run(...commands: Array<Command & { _id: string }>) {
  const pending = new Set(commands.map((c) => c.id));
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  await processor?.close();
  processor = new CommandProcessor({
    db,
    site: 'lighting-01',
    writer: dimmer,
    now: () => NOW,
    onOutcome: (o) => {
      pending.delete(o.commandId);
      if (pending.size === 0) done();
    },
  });
  await processor.start();
  for (const c of commands) await db.put(c);
  if (pending.size > 0) await all;
}

describe('CommandProcessor', () => {
  test('writes a checked command to the device and records the outcome with the read-back', async () => {
    await run(command('c1'));
    expect(written).toEqual([['lamp-1', 'dimming', 40]]);
    expect(await outcome('c1')).toMatchObject({
      commandId: 'c1',
      status: 'applied',
      value: 40,
      readBack: 40,
    });
  });

  test('refuses a command above the point max: nothing reaches the device, the refusal is recorded', async () => {
    await run(command('c2', { value: 140 }));
    expect(written).toEqual([]);
    expect(await outcome('c2')).toMatchObject({
      status: 'rejected',
      error: { code: 'invalid_input', message: expect.stringContaining('max of 100') },
    });
  });

  test('records a device that does not answer as failed', async () => {
    await run(command('c3', { device: 'dead-lamp' }));
    expect(await outcome('c3')).toMatchObject({ status: 'failed', error: { code: 'internal' } });
  });

  test('expires a command that arrives too late, without writing', async () => {
    await run(command('c4', { expiresAt: new Date(NOW - 1000).toISOString() }));
    expect(written).toEqual([]);
    expect((await outcome('c4')).status).toBe('expired');
  });

  test('rejects a malformed command, naming the field, and a command for another site', async () => {
    const bad = command('c5');
    delete (bad as Partial<Command>).reason;
    await run(bad, command('c6', { site: 'lighting-02' }));
    expect(written).toEqual([]);
    expect(await outcome('c5')).toMatchObject({
      status: 'rejected',
      error: { message: expect.stringContaining('reason') },
    });
    expect(await outcome('c6')).toMatchObject({
      status: 'rejected',
      error: { code: 'permission_denied' },
    });
  });

  test('handles commands that waited while it was stopped, once each, in order', async () => {
    await db.put(command('c7', { value: 10 }));
    await db.put(command('c8', { value: 20 }));
    await run();
    await run();
    expect(written).toEqual([
      ['lamp-1', 'dimming', 10],
      ['lamp-1', 'dimming', 20],
    ]);
  });
});
