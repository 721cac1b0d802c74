/** @module The plugin's settings: what the administrator gives at install, with the defaults filled in. */

/** The start points the manifest's `command:write` grant covers; `standbyPoint` is one of them. */
export type StartPoint = 'pump-2-start' | 'pump-1-start';

/** The settings as the administrator gave them (see `config` in heng.plugin.json). */
export interface Config {
  standbyPoint?: StartPoint;
  startValue?: boolean;
  closeAfterMinutes?: number;
}

/** Settings with every default applied. */
export type Settings = Required<Config>;

/** The same defaults as the manifest's schema, since a host may hand over settings without them. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  standbyPoint: 'pump-2-start',
  startValue: true,
  closeAfterMinutes: 30,
});

/** The settings to work with: the given ones, and the defaults for what is missing. */
export function settingsOf(config: Readonly<Config>): Settings {
  return {
    standbyPoint: config.standbyPoint ?? DEFAULT_SETTINGS.standbyPoint,
    startValue: config.startValue ?? DEFAULT_SETTINGS.startValue,
    closeAfterMinutes: config.closeAfterMinutes ?? DEFAULT_SETTINGS.closeAfterMinutes,
  };
}
