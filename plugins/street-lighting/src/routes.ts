/**
 * @module The plugin's HTTP routes: `GET /status`, a summary for the shell and residents' pages,
 * and `GET /lamps/:device` (`?site=` when the id is used at several sites) for one lamp.
 */
import type { PluginRequest, PluginResponse } from '@heng/sdk';
import { energyOn, roundWh } from './energy.ts';
import { clockText, localDay, minuteOfDay } from './local-time.ts';
import { planStep } from './plan.ts';
import { matchesAny } from './point-pattern.ts';
import type { Settings } from './settings.ts';
import type { Lamp, Store } from './store.ts';
import { POINTS } from './telemetry.ts';

const json = (status: number, body: unknown): PluginResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const isAtLevel = (lamp: Lamp, level: number | undefined) =>
  level !== undefined && lamp.level !== undefined && Math.abs(lamp.level - level) < 0.5;

async function status(now: number, settings: Settings, store: Store): Promise<PluginResponse> {
  const offset = settings.utcOffsetMinutes;
  const level = planStep(settings.plan, now, offset)?.level;
  const day = localDay(now, offset);
  const lamps = await store.lamps();
  const accounts = new Map((await store.energies()).map((a) => [a.site, a]));
  const siteIds = [...new Set([...lamps.map((l) => l.site), ...accounts.keys()])].sort();
  const sites = siteIds.map((site) => {
    const here = lamps.filter((lamp) => lamp.site === site);
    return {
      site,
      lamps: here.length,
      faulty: here.filter((lamp) => lamp.fault).length,
      energyTodayWh: roundWh(energyOn(accounts.get(site), day)),
      energyTotalWh: roundWh(accounts.get(site)?.totalWh ?? 0),
    };
  });
  return json(200, {
    time: new Date(now).toISOString(),
    localTime: clockText(minuteOfDay(now, offset)),
    day,
    planLevel: level ?? null,
    lamps: {
      total: lamps.length,
      atPlanLevel: lamps.filter((lamp) => isAtLevel(lamp, level)).length,
      faulty: lamps.filter((lamp) => lamp.fault).length,
    },
    faults: lamps
      .filter((lamp) => lamp.fault)
      .map(({ site, device, faultSince }) => ({ site, device, since: faultSince ?? null })),
    energyTodayWh: roundWh(sites.reduce((sum, s) => sum + s.energyTodayWh, 0)),
    sites,
  });
}

async function lamp(
  request: PluginRequest,
  now: number,
  settings: Settings,
  store: Store,
): Promise<PluginResponse> {
  const device = request.params['device'] ?? decodeURIComponent(request.path.split('/')[2] ?? '');
  const site = request.query['site'];
  const found = (await store.lamps()).filter(
    (l) => l.device === device && (site === undefined || l.site === site),
  );
  const where = site === undefined ? '' : ` at site ${site}`;
  if (found.length === 0) return json(404, { error: `no lamp ${device}${where} is known` });
  if (found.length > 1) {
    const sites = found.map((l) => l.site);
    return json(409, {
      error: `lamp ${device} is known at several sites (${sites.join(', ')}); add ?site=`,
      sites,
    });
  }
  const l = found[0]!;
  return json(200, {
    site: l.site,
    device: l.device,
    level: l.level ?? null,
    planLevel: planStep(settings.plan, now, settings.utcOffsetMinutes)?.level ?? null,
    controlled:
      l.level !== undefined &&
      matchesAny(settings.controlPoints, `${l.site}/${l.device}/${POINTS.dimming}`),
    fault: l.fault,
    faultSince: l.faultSince ?? null,
    powerW: l.powerW ?? null,
    energyWh: roundWh(l.energyWh),
    lastSeen: l.lastSeen,
    commanded: l.commanded ?? null,
  });
}

/** Answers a request routed to the plugin. */
export async function answer(
  request: PluginRequest,
  now: number,
  settings: Settings,
  store: Store,
): Promise<PluginResponse> {
  if (request.method === 'GET' && request.path === '/status') return status(now, settings, store);
  if (request.method === 'GET' && request.path.startsWith('/lamps/')) {
    return lamp(request, now, settings, store);
  }
  return json(404, { error: `no route ${request.method} ${request.path}` });
}
