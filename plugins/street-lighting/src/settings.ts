/** @module The plugin's settings: what the administrator gives at install, with the defaults filled in. */

/** One step of the dimming plan: from local time `from` on, lamps are set to `level` %. */
export interface PlanStep {
  /** Local time of day, `HH:MM`. */
  from: string;
  /** 0 (off) to 100 (full output). */
  level: number;
}

/** The settings as the administrator gave them (see `config` in heng.plugin.json). */
export interface Config {
  plan?: PlanStep[];
  utcOffsetMinutes?: number;
  controlPoints?: string[];
  faultLevel?: 1 | 2 | 3 | 4;
  energyReportMinutes?: number;
}

/** Settings with every default applied. */
export type Settings = Required<Config>;

/** The same defaults as the manifest's schema, since a host may hand over settings without them. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  plan: [
    { from: '01:00', level: 30 },
    { from: '05:00', level: 60 },
    { from: '06:30', level: 0 },
    { from: '18:00', level: 100 },
    { from: '23:00', level: 50 },
  ],
  utcOffsetMinutes: 480,
  controlPoints: ['+/+/dimming'],
  faultLevel: 4,
  energyReportMinutes: 60,
});

/** The settings to work with: the given ones, and the defaults for what is missing. */
export function settingsOf(config: Readonly<Config>): Settings {
  return {
    plan: config.plan ?? DEFAULT_SETTINGS.plan,
    utcOffsetMinutes: config.utcOffsetMinutes ?? DEFAULT_SETTINGS.utcOffsetMinutes,
    controlPoints: config.controlPoints ?? DEFAULT_SETTINGS.controlPoints,
    faultLevel: config.faultLevel ?? DEFAULT_SETTINGS.faultLevel,
    energyReportMinutes: config.energyReportMinutes ?? DEFAULT_SETTINGS.energyReportMinutes,
  };
}
