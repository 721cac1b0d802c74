import { describe, expect, test } from 'vitest';
import manifest from '../heng.plugin.json' with { type: 'json' };
import { localDay, minuteOfDay } from './local-time.ts';
import { planStep } from './plan.ts';
import { matchesAny } from './point-pattern.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

const utc = (time: string) => Date.parse(`2026-03-10T${time}Z`);
const plan = [
  { from: '23:00', level: 50 },
  { from: '18:00', level: 100 },
  { from: '06:00', level: 0 },
];

describe('the dimming plan', () => {
  test('holds each step from its local time until the next one', () => {
    expect(planStep(plan, utc('10:00:00'), 480)?.level).toBe(100); // 18:00 local
    expect(planStep(plan, utc('09:59:59'), 480)?.level).toBe(0);
    expect(planStep(plan, utc('15:00:00'), 480)?.level).toBe(50); // 23:00 local
  });

  test('carries the day’s last step past midnight', () => {
    expect(planStep(plan, utc('17:00:00'), 480)).toEqual({ from: '23:00', level: 50 }); // 01:00 local
  });

  test('reckons local time from a negative offset too', () => {
    expect(minuteOfDay(utc('02:30:00'), -300)).toBe(21 * 60 + 30);
    expect(localDay(utc('02:30:00'), -300)).toBe('2026-03-09');
    expect(planStep(plan, utc('02:30:00'), -300)?.level).toBe(100);
  });

  test('lets the later of two steps at the same time win, and skips malformed ones', () => {
    const twice = [
      { from: '18:00', level: 80 },
      { from: '18:00', level: 90 },
      { from: '25:00', level: 10 },
    ];
    expect(planStep(twice, utc('10:30:00'), 480)?.level).toBe(90);
    expect(planStep([], utc('10:30:00'), 480)).toBeUndefined();
  });

  test('has the same defaults as the manifest’s settings form', () => {
    const properties = manifest.config.properties;
    expect(DEFAULT_SETTINGS).toEqual({
      plan: properties.plan.default,
      utcOffsetMinutes: properties.utcOffsetMinutes.default,
      controlPoints: properties.controlPoints.default,
      faultLevel: properties.faultLevel.default,
      energyReportMinutes: properties.energyReportMinutes.default,
    });
  });
});

describe('point patterns', () => {
  test('match "+" to one segment and "#" to the rest, as the platform does', () => {
    const path = 'site-1/lamp-1/dimming';
    expect(matchesAny(['+/+/dimming'], path)).toBe(true);
    expect(matchesAny(['site-1/+/dimming'], 'site-2/lamp-1/dimming')).toBe(false);
    expect(matchesAny(['site-1/#'], path)).toBe(true);
    expect(matchesAny(['+/dimming'], path)).toBe(false);
    expect(matchesAny(['+/+/+/dimming'], path)).toBe(false);
    // '#' only last: the app's own matcher once took it anywhere, the platform never did.
    expect(matchesAny(['#/lamp-1/dimming'], path)).toBe(false);
    expect(matchesAny(['site-1/#/dimming', '+/+/dimming'], path)).toBe(true);
  });
});
