/**
 * @module The frame of every hostile-plugin test: a fresh world with a well-behaved plugin in
 * it, and after each case the proof that nothing else was harmed: the good plugin still answers,
 * a fresh plugin still installs and runs, and disposing the host frees every QuickJS runtime it
 * did not have to abandon (and counted).
 */
import { afterEach, beforeEach, expect } from 'vitest';
import { FRESH, GOOD, type PluginSpec } from './plugins.ts';
import { createWorld, request, START, type World } from './world.ts';

export const HOSTILE = 'com.example.hostile';

export interface HostileSuite {
  /** The world of the running test. */
  readonly world: World;
  /** A spec of the hostile plugin with this bundle. */
  hostile(bundle: string, more?: Partial<PluginSpec>): PluginSpec;
  /** Calls the hostile plugin's onRequest with this query. */
  reply(query?: Record<string, string>): ReturnType<World['call']>;
}

/** Registers the before/after hooks of a hostile suite in the calling test file. */
export function hostileSuite(): HostileSuite {
  let world: World | undefined;

  beforeEach(async () => {
    world = await createWorld();
    expect((await world.start(GOOD)).state).toBe('active');
  });

  afterEach(async () => {
    const w = world!;
    try {
      // Restarted, not blamed, if a hostile plugin's abort took the module it ran in.
      await w.reach(GOOD.id, 'active');
      await w.host.deliverTelemetry({
        site: 'site-1',
        device: 'ahu-1',
        point: 'temp',
        value: 21.5,
        quality: 'good',
        ts: new Date(START).toISOString(),
      });
      const res = await w.app.request('/plugins/com.example.good/sum?a=2&b=3');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        sum: 5,
        last: 21.5,
        label: 'good',
        json: 'function',
        proto: null,
      });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect((await w.start(FRESH)).state).toBe('active');
      expect(await w.call(FRESH.id, 'request', request({ query: { n: '7' } }))).toEqual({
        value: { status: 200, body: 'fresh:7' },
      });
    } finally {
      await w.host.dispose();
      w.bus.dispose();
    }
    // A runtime still allocated is one the pool abandoned and counted (QuickJS could not free
    // it), never one the host forgot.
    expect(w.runtimes.filter((runtime) => runtime.alive)).toHaveLength(
      w.modules.health().runtimesAbandoned,
    );
  });

  return {
    get world() {
      return world!;
    },
    hostile: (bundle, more = {}) => ({ id: HOSTILE, bundle, ...more }),
    reply: (query = {}) => world!.call(HOSTILE, 'request', request({ query })),
  };
}
