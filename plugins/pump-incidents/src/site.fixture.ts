/**
 * @module The hub as the plugin's tests see it: the plugin in the real sandbox with the hub's
 * role, a clock moved by hand, and a shorthand for a pumping station's high-water alarm.
 */
import { createTestSite, type TestSite } from '@heng/sdk/testing';
import { afterEach } from 'vitest';
import manifest from '../heng.plugin.json' with { type: 'json' };
import type { Config } from './settings.ts';

export const PLUGIN_ID = manifest.id;

/** The simulated clock's start; schedules fall due 60 s after it and every 60 s on. */
export const START = new Date('2026-06-01T02:00:00Z');

export interface HubOptions {
  config?: Config;
  /** Changes to the manifest, e.g. a narrower grant than the plugin's own. */
  manifest?: (m: typeof manifest) => unknown;
}

/** Starts the plugin as the hub runs it. */
export function startHub(options: HubOptions = {}): Promise<TestSite> {
  const change = options.manifest;
  return createTestSite({
    dir: new URL('..', import.meta.url),
    config: options.config ?? {},
    start: START,
    role: 'hub',
    ...(change ? { manifest: (m: Record<string, unknown>) => change(m as typeof manifest) } : {}),
  });
}

/** What the reference pumping flow raises at a site when the wet well passes its setpoint. */
export function raiseAlarm(
  hub: TestSite,
  site: string,
  payload: { device?: string; waterLevel?: number; setpoint?: number } = {},
  extra: { id?: string; ts?: string; noSite?: boolean } = {},
): Promise<void> {
  return hub.publish(
    'pump/high-level',
    { device: 'pump-01', waterLevel: 4.25, setpoint: 3.5, ...payload },
    {
      level: 2,
      source: `edge:${site}/node-red/pumping-event`,
      ...(extra.noSite ? {} : { site }),
      ...(extra.id ? { id: extra.id } : {}),
      ...(extra.ts ? { ts: extra.ts } : {}),
    },
  );
}

/** Moves the clock by whole minutes; every round that falls due runs at its own time. */
export function advanceMinutes(hub: TestSite, minutes: number): Promise<void> {
  return hub.advance(minutes * 60_000);
}

/** The events the plugin published (not the alarms the test raised). */
export const incidentEvents = (hub: TestSite) =>
  hub.events.filter((e) => e.source === `plugin:${PLUGIN_ID}`);

/** A `start` for the tests of one file; the hub it starts is disposed after each test. */
export function useHub(): (options?: HubOptions) => Promise<TestSite> {
  let hub: TestSite | undefined;
  afterEach(async () => {
    await hub?.dispose();
    hub = undefined;
  });
  return async (options) => {
    hub = await startHub(options);
    return hub;
  };
}
