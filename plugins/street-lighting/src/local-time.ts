/**
 * @module Local time from a fixed UTC offset: the sandbox has no time zones, so the plan and the
 * energy day are reckoned from `utcOffsetMinutes`.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Minutes since local midnight, 0..1439. */
export function minuteOfDay(ms: number, utcOffsetMinutes: number): number {
  const local = ms + utcOffsetMinutes * MINUTE;
  return Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
}

/** The local calendar day, `YYYY-MM-DD`. */
export function localDay(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** `HH:MM` of a minute of the day. */
export function clockText(minute: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** Minutes since midnight of an `HH:MM` text; undefined when it is not one. */
export function parseClock(text: string): number | undefined {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}
