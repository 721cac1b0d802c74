/**
 * @module A simulated lighting site for the plugin's tests: the plugin in the real sandbox, a
 * clock at a chosen local time, and shorthands for lamp readings.
 */
import { createTestSite, type TestSite } from '@heng/sdk/testing';
import { afterEach } from 'vitest';
import manifest from '../heng.plugin.json' with { type: 'json' };
import type { Config } from './settings.ts';

export const PLUGIN_ID = manifest.id;

/** A plan with easy boundaries: full at 18:00, half at 23:00, off at 06:00. */
export const PLAN = [
  { from: '06:00', level: 0 },
  { from: '18:00', level: 100 },
  { from: '23:00', level: 50 },
];

/** 17:58:30 in Hengyang (UTC+8): the first round runs at 17:59:30, the second at 18:00:30. */
export const BEFORE_DUSK = new Date('2026-01-01T09:58:30Z');

export interface SiteOptions {
  config?: Config;
  start?: Date;
  /** Changes to the manifest, e.g. a narrower grant than the plugin's own. */
  manifest?: (m: typeof manifest) => unknown;
}

/** The manifest as a fresh copy, to change in one test without touching the others. */
export const manifestCopy = (): typeof manifest => structuredClone(manifest);

/** Starts the plugin on a simulated site named `test-site`. */
export async function startSite(options: SiteOptions = {}): Promise<TestSite> {
  const config: Config = { plan: PLAN, utcOffsetMinutes: 480, ...options.config };
  const start = options.start ?? BEFORE_DUSK;
  const change = options.manifest;
  return createTestSite({
    dir: new URL('..', import.meta.url),
    config,
    start,
    ...(change ? { manifest: (m: Record<string, unknown>) => change(m as typeof manifest) } : {}),
  });
}

/** Feeds one lamp's three points. */
export async function feedLamp(
  site: TestSite,
  device: string,
  values: { level?: number; fault?: boolean; powerW?: number; site?: string; ts?: string },
): Promise<void> {
  const where = {
    device,
    ...(values.site ? { site: values.site } : {}),
    ...(values.ts ? { ts: values.ts } : {}),
  };
  if (values.level !== undefined)
    await site.feed({ ...where, point: 'dimming', value: values.level, unit: '%' });
  if (values.fault !== undefined)
    await site.feed({ ...where, point: 'lamp-fault', value: values.fault });
  if (values.powerW !== undefined)
    await site.feed({ ...where, point: 'power', value: values.powerW, unit: 'W' });
}

/** Moves the clock by whole minutes; every round that falls due runs at its own time. */
export function advanceMinutes(site: TestSite, minutes: number): Promise<void> {
  return site.advance(minutes * 60_000);
}

/** A `start` for the tests of one file; the site it starts is disposed after each test. */
export function useSite(): (options?: SiteOptions) => Promise<TestSite> {
  let site: TestSite | undefined;
  afterEach(async () => {
    await site?.dispose();
    site = undefined;
  });
  return async (options) => {
    site = await startSite(options);
    return site;
  };
}
