/**
 * @module What the plugin keeps in its own storage, and the typed reads and writes of it: one
 * record per lamp, one energy account per site, and the last energy report.
 */
import type { HengApi, Json } from '@heng/sdk';

/** What the plugin knows of one lamp, learned from its readings. */
export interface Lamp {
  site: string;
  device: string;
  /** Last reported dimming level, %; a lamp without one is watched but never commanded. */
  level?: number;
  fault: boolean;
  /** When the current fault was first reported. */
  faultSince?: string;
  /** Last reported power draw, W, and when it was read. */
  powerW?: number;
  powerAt?: string;
  /** Energy integrated from its power readings since it was first seen. */
  energyWh: number;
  lastSeen: string;
  /** The last command sent to it (or refused by the host: `refused` holds the error code). */
  commanded?: { level: number; at: string; id?: string; refused?: string };
}

/** Energy used by a site's lamps. */
export interface SiteEnergy {
  site: string;
  /** The local day `todayWh` counts. */
  day: string;
  todayWh: number;
  /** The day before `day`, once there was one. */
  previous?: { day: string; wh: number };
  totalWh: number;
}

/** Storage keys. Site and device ids cannot contain `/`, so these never collide. */
export const keys = {
  lamp: (site: string, device: string) => `lamp/${site}/${device}`,
  lamps: 'lamp/',
  energy: (site: string) => `energy/${site}`,
  energies: 'energy/',
  reportSlot: 'report/slot',
} as const;

/** The most entries one `storage.list` returns; more lamps than this are not supported yet. */
export const MAX_LIST = 1000;

/** The plugin's storage, typed. Its manifest asks for `storage`, so the API is always there. */
export function storeOf(heng: HengApi) {
  const storage = heng.storage!;
  // The records are plain JSON; their optional fields are what keeps them from being `Json` to tsc.
  const put = (key: string, value: object) => storage.put(key, value as unknown as Json);
  return {
    lamp: (site: string, device: string) => storage.get<Lamp>(keys.lamp(site, device)),
    putLamp: (lamp: Lamp) => put(keys.lamp(lamp.site, lamp.device), lamp),
    async lamps(): Promise<Lamp[]> {
      const entries = await storage.list<Lamp>(keys.lamps, { limit: MAX_LIST });
      return entries.map((entry) => entry.value);
    },
    energy: (site: string) => storage.get<SiteEnergy>(keys.energy(site)),
    putEnergy: (energy: SiteEnergy) => put(keys.energy(energy.site), energy),
    async energies(): Promise<SiteEnergy[]> {
      const entries = await storage.list<SiteEnergy>(keys.energies, { limit: MAX_LIST });
      return entries.map((entry) => entry.value);
    },
    reportSlot: () => storage.get<{ slot: number }>(keys.reportSlot),
    putReportSlot: (slot: number) => storage.put(keys.reportSlot, { slot }),
  };
}

/** The typed store of {@link storeOf}. */
export type Store = ReturnType<typeof storeOf>;
