/**
 * @module What a lamp reading changes: its dimming level, its fault state (raising an event when
 * a fault appears or clears), and its power draw, integrated into the energy accounts.
 */
import type { HengApi, TelemetryReading } from '@heng/sdk';
import { addSiteEnergy, integratePower } from './energy.ts';
import { publishFaultChange } from './faults.ts';
import type { Settings } from './settings.ts';
import type { Lamp, Store } from './store.ts';

/** The point names of a lamp, as its device profile names them. */
export const POINTS = { dimming: 'dimming', fault: 'lamp-fault', power: 'power' } as const;

/** A fault flag as devices report it: a bool, or a number where anything but 0 is a fault. */
function faultOf(value: TelemetryReading['value']): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value !== 0;
  return undefined;
}

function numberOf(value: TelemetryReading['value']): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Applies one reading to its lamp's record (creating the record for a lamp seen the first time)
 * and saves it. Readings of bad quality, of other points, or with values of the wrong type
 * change nothing.
 */
export async function recordReading(
  reading: TelemetryReading,
  settings: Settings,
  heng: HengApi,
  store: Store,
): Promise<void> {
  if (reading.quality === 'bad') return;
  const at = Date.parse(reading.ts);
  if (Number.isNaN(at)) return;
  const lamp: Lamp = (await store.lamp(reading.site, reading.device)) ?? {
    site: reading.site,
    device: reading.device,
    fault: false,
    energyWh: 0,
    lastSeen: reading.ts,
  };
  switch (reading.point) {
    case POINTS.dimming: {
      const level = numberOf(reading.value);
      if (level === undefined) return;
      lamp.level = level;
      break;
    }
    case POINTS.fault: {
      const fault = faultOf(reading.value);
      if (fault === undefined) return;
      await publishFaultChange(lamp, fault, reading.ts, settings, heng);
      break;
    }
    case POINTS.power: {
      const watts = numberOf(reading.value);
      if (watts === undefined || watts < 0) return;
      const wh = integratePower(lamp, watts, reading.ts);
      if (wh > 0) await addSiteEnergy(store, lamp.site, wh, at, settings.utcOffsetMinutes);
      break;
    }
    default:
      return;
  }
  if (at > Date.parse(lamp.lastSeen)) lamp.lastSeen = reading.ts;
  await store.putLamp(lamp);
}
