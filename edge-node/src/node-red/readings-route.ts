/**
 * @module `GET /heng/readings?device=&limit=` on the embedded editor's admin API: the latest stored
 * readings per device, behind the same admin sign-in as the editor (permission `heng.read`, which
 * the admin's `*` covers), so a technician sees what the store holds while the edge keeps it locked.
 */
import type { ServerResponse } from 'node:http';
import { HengError, httpStatusOf } from '@heng/schemas';
import RED, { type AdminRequest } from 'node-red';
import {
  latestStoredReadings,
  READINGS_ROUTE,
  type StoredReadingsSource,
} from './stored-readings.ts';

interface Served {
  site: string;
  source: StoredReadingsSource;
}

let served: Served | undefined;
let registered = false;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** One query value: the first if repeated, undefined if absent or empty. */
function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

async function answer(req: AdminRequest, res: ServerResponse): Promise<void> {
  const current = served;
  if (!current) {
    send(
      res,
      503,
      new HengError('store_unavailable', 'this editor serves no site store (edge stopping?)'),
    );
    return;
  }
  try {
    const limit = single(req.query['limit']);
    const device = single(req.query['device']);
    const found = await latestStoredReadings(current.source, {
      ...(device !== undefined ? { device } : {}),
      ...(limit !== undefined ? { limit: Number(limit) } : {}),
    });
    send(res, 200, { site: current.site, ...found });
  } catch (error) {
    const failure =
      error instanceof HengError
        ? error
        : new HengError(
            'store_unavailable',
            `reading the stored telemetry of site ${current.site} failed: ${(error as Error).message}`,
            { cause: error },
          );
    send(res, httpStatusOf(failure.code), failure);
  }
}

/**
 * Serves the site's stored readings on the admin API of the Node-RED started in this process
 * (after `RED.init`). Node-RED is one runtime per process, so the route is registered once and
 * serves the latest `site`; disposing stops serving it (503).
 *
 * @example
 * using _ = serveStoredReadings({ site: edge.site, source: edge.segments });
 */
export function serveStoredReadings(site: Served): Disposable & { dispose(): void } {
  served = site;
  if (!registered) {
    registered = true;
    RED.httpAdmin.get(`/${READINGS_ROUTE}`, RED.auth.needsPermission('heng.read'), (req, res) => {
      void answer(req, res);
    });
  }
  const dispose = () => {
    if (served === site) served = undefined;
  };
  return { dispose, [Symbol.dispose]: dispose };
}
