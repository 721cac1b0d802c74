import { expect, test } from 'vitest';
import { FairGate } from './fair-gate.ts';
import { ThrottledError } from './throttled-error.ts';

/** A check that ends when told to, recording when it started. */
function controlled(order: string[], name: string) {
  let end!: () => void;
  const done = new Promise<void>((resolve) => {
    end = resolve;
  });
  return {
    end: () => end(),
    work: async () => {
      order.push(name);
      await done;
    },
  };
}

test('serves waiting keys in turn: one account flooding does not go before another', async () => {
  const gate = new FairGate({ concurrency: 1, maxWaitingPerKey: 100, maxWaiting: 100 });
  const order: string[] = [];
  const flood = Array.from({ length: 10 }, (_, i) => controlled(order, `flood-${i}`));
  const runs = flood.map((c) => gate.run('target', c.work));
  const real = controlled(order, 'real');
  const realRun = gate.run('real.user', real.work);
  for (const c of flood) c.end();
  real.end();
  await Promise.all([...runs, realRun]);
  expect(order.slice(0, 3)).toEqual(['flood-0', 'real', 'flood-1']);
});

test('refuses at once past the bound of waiting checks, per key and in all', async () => {
  const gate = new FairGate({ concurrency: 1, maxWaitingPerKey: 2, maxWaiting: 3 });
  const order: string[] = [];
  const held = controlled(order, 'held');
  const running = gate.run('a', held.work);
  const waiting = [gate.run('a', async () => {}), gate.run('a', async () => {})];
  await expect(gate.run('a', async () => {})).rejects.toBeInstanceOf(ThrottledError);
  const other = gate.run('b', async () => {});
  await expect(gate.run('c', async () => {})).rejects.toBeInstanceOf(ThrottledError);
  expect(gate.load).toEqual({ running: 1, waiting: 3 });
  held.end();
  await Promise.all([running, ...waiting, other]);
  expect(gate.load).toEqual({ running: 0, waiting: 0 });
});
