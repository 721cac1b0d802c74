/**
 * @module What the plugin keeps in its own storage, and the typed reads and writes of it: each
 * site's open incident, and its last closed one.
 */
import type { HengApi, Json } from '@heng/sdk';

/** A flooding incident at one site: open from its first alarm until the site has been quiet. */
export interface Incident {
  /** `<site>:<id of the alarm event that opened it>`: unique, and leads back to the alarm. */
  id: string;
  site: string;
  /** Id of the alarm event that opened it. */
  alarm: string;
  /** The station that raised the first alarm. */
  device?: string;
  /** When the hub opened it. */
  openedAt: string;
  /** When the edge raised the first alarm (the edge's clock). */
  raisedAt: string;
  /** When the latest alarm reached the hub: the quiet time counts from here. */
  lastAlarmAt: string;
  /** How many alarms it has had, the first included. */
  alarms: number;
  /** The highest water level its alarms reported, m. */
  waterLevel?: number;
  setpoint?: number;
  /** Id of its `incident/flooding/opened` event, once published. */
  announced?: string;
  /** The standby pump's start: the point, and what became of the command. */
  standby?: {
    point: string;
    /** The command's id and when it was sent. */
    sent?: { id: string; at: string };
    /** The host refused it for good (the error code): it is not tried again. */
    refused?: { code: string; at: string };
  };
  /** When it closed (only on the last closed incident). */
  closedAt?: string;
}

/** Storage keys. Site ids cannot contain `/`, so these never collide. */
export const keys = {
  open: (site: string) => `open/${site}`,
  opens: 'open/',
  closed: (site: string) => `closed/${site}`,
} as const;

/** The most entries one `storage.list` returns: the sites with an open incident at one time. */
export const MAX_LIST = 1000;

/** The plugin's storage, typed. Its manifest asks for `storage`, so the API is always there. */
export function storeOf(heng: HengApi) {
  const storage = heng.storage!;
  // The records are plain JSON; their optional fields are what keeps them from being `Json` to tsc.
  const put = (key: string, value: Incident) => storage.put(key, value as unknown as Json);
  return {
    open: (site: string) => storage.get<Incident>(keys.open(site)),
    putOpen: (incident: Incident) => put(keys.open(incident.site), incident),
    async opens(): Promise<Incident[]> {
      const entries = await storage.list<Incident>(keys.opens, { limit: MAX_LIST });
      return entries.map((entry) => entry.value);
    },
    /** Moves an incident from open to the site's last closed one. */
    async close(incident: Incident): Promise<void> {
      await put(keys.closed(incident.site), incident);
      await storage.delete(keys.open(incident.site));
    },
  };
}

/** The typed store of {@link storeOf}. */
export type Store = ReturnType<typeof storeOf>;
