import { describe, expect, test } from 'vitest';
import { GOOD } from './plugins.ts';
import { HOSTILE, hostileSuite } from './suite.ts';

const suite = hostileSuite();

/**
 * A promise chain this long leaves an object QuickJS cannot free, so freeing the runtime aborts
 * its WebAssembly module (quickjs-emscripten issues 235 and 269). Measured with the module alone:
 * 14,000 links never abort, 16,000 always do, whether the chain ends or is interrupted.
 */
const LONG_CHAIN = 20_000;

/** Runs the chain to its end (about 80 ms of CPU here), then faults: the abort every time. */
const CHAIN_THEN_THROW = `export default { onRequest() {
  let n = 0;
  const f = () => (++n < ${LONG_CHAIN} ? Promise.resolve().then(f) : Promise.reject(new Error('chain of ' + n)));
  return f();
} };`;

/** The review's plugin: an endless chain, as long as its deadline lets it grow. */
const ENDLESS_CHAIN = 'const f = () => Promise.resolve().then(f); f();';

/** Lets a faulted plugin start again: after its backoff, or, once failed, by an administrator. */
async function restart(): Promise<void> {
  const { host, clock } = suite.world;
  const status = host.status(HOSTILE);
  if (status.state === 'failed') {
    await clock.advance(600_000);
    await host.activate(HOSTILE);
  } else {
    await clock.advance(status.restartAt! - clock.now());
  }
}

async function goodAnswers(): Promise<void> {
  await suite.world.reach(GOOD.id, 'active');
  const res = await suite.world.app.request('/plugins/com.example.good/sum?a=2&b=3');
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ sum: 5 });
}

describe('a plugin whose runtime QuickJS cannot free', () => {
  test('is faulted and restarted twelve times, every disposal aborting, and the host lives on', async () => {
    const { world } = suite;
    const cycles = 12;
    await world.start(suite.hostile(CHAIN_THEN_THROW, { limits: { callTimeoutMs: 1000 } }));
    for (let cycle = 0; cycle < cycles; cycle++) {
      const result = await suite.reply();
      expect(result).toMatchObject({ error: { code: 'plugin_crashed' } });
      const status = await world.reach(HOSTILE, cycle % 5 === 4 ? 'failed' : 'quarantined');
      expect(status.lastError?.message).toMatch(/chain of 20000/);
      await goodAnswers();
      await restart();
    }
    // Every disposal aborted its module: each runtime was abandoned, its module dropped.
    expect(world.host.status(HOSTILE).abandonedRuntimes).toBe(cycles);
    // The first abort was in the shared module, which the well-behaved plugin left (restarted,
    // not blamed); from its first fault on, the hostile plugin ran in modules of its own.
    expect(world.host.status(GOOD.id)).toMatchObject({ faults: 0, abandonedRuntimes: 1 });
    expect(world.host.sandboxHealth()).toMatchObject({
      modulesLost: cycles,
      runtimesAbandoned: cycles + 1,
    });
    expect(world.incidents.filter((i) => i.kind === 'module_lost')).toHaveLength(cycles);
    expect(world.incidents[0]?.reason).toMatch(/Aborted\(Assertion failed: list_empty/);
  });

  test('faults from onSchedule with nobody calling it, and the host lives on', async () => {
    const { world } = suite;
    const bundle = `export default { onSchedule() { ${ENDLESS_CHAIN} } };`;
    // A deadline long enough for the chain to pass 16,000 links on a slow machine.
    await world.start(
      suite.hostile(bundle, {
        limits: { callTimeoutMs: 400 },
        permissions: [{ capability: 'schedule', schedules: [{ name: 'tick', everySeconds: 60 }] }],
      }),
    );
    for (let cycle = 0; cycle < 3; cycle++) {
      const tick = world.clock.advance(60_000);
      await world.reach(HOSTILE, 'quarantined');
      await tick;
      // Stopped at its deadline, or by the memory guard when its promises outgrow 16 MiB first.
      expect(world.host.status(HOSTILE).lastError?.code).toMatch(/^(deadline|memory)_exceeded$/);
      await goodAnswers();
      await restart();
      await world.reach(HOSTILE, 'active');
    }
    const abandoned = world.host.status(HOSTILE).abandonedRuntimes ?? 0;
    expect(abandoned).toBeGreaterThan(0);
    expect(world.host.sandboxHealth().runtimesAbandoned).toBe(
      abandoned + (world.host.status(GOOD.id).abandonedRuntimes ?? 0),
    );
  });

  test('faults while activating: quarantined with its own fault, the abort contained and counted', async () => {
    const { world } = suite;
    const bundle = `export default { activate() {
      let n = 0;
      const f = () => (++n < ${LONG_CHAIN} ? Promise.resolve().then(f) : Promise.reject(new Error('chain of ' + n)));
      return f();
    } };`;
    const status = await world.start(suite.hostile(bundle, { limits: { callTimeoutMs: 1000 } }));
    expect(status).toMatchObject({
      state: 'quarantined',
      lastError: { code: 'plugin_crashed', message: expect.stringMatching(/chain of 20000/) },
      abandonedRuntimes: 1,
    });
    expect(world.host.sandboxHealth().modulesLost).toBe(1);
    await goodAnswers();
  });
});
