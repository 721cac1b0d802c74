/** @module `GET /api/live`: the hub's live updates as server-sent events. */
import { Hono, type MiddlewareHandler } from 'hono';
import type { HubEnv } from '../api/env.ts';
import type { Operation } from '../api/openapi.ts';
import type { Ability } from '../auth/types.ts';
import type { LiveHub } from './live-hub.ts';
import { openSse } from './sse.ts';

/** Heartbeat comments every 15 s keep idle proxies from closing the stream. */
export const HEARTBEAT_MS = 15_000;
/** What the browser waits before reconnecting after a dropped stream. */
export const RETRY_MS = 3000;

/** The live route for the OpenAPI document (paths under `/api`). */
export const LIVE_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/live',
    summary:
      'Live updates as server-sent events: `site` (sync state changed), `event` (new, within ' +
      'your clearance), `outcome` (a command outcome), `app` (an install record or its report ' +
      'changed, shaped as GET /api/sites/:site/apps/:plugin, with `site` and `plugin`; for ' +
      '`installs:read`); heartbeat comments every 15 s',
    ability: 'sites:read',
    ok: [200, 'text/event-stream'],
  },
];

export interface LiveRoutesOptions {
  live: LiveHub;
  requireAbility: (ability: Ability) => MiddlewareHandler<HubEnv>;
  heartbeatMs?: number;
}

/** Routes to mount under `/api` (behind the auth middleware). */
export function liveRoutes(o: LiveRoutesOptions): Hono<HubEnv> {
  const app = new Hono<HubEnv>();
  app.get('/live', o.requireAbility('sites:read'), async (c) => {
    let unsubscribe = () => {};
    const { response, client } = openSse({
      heartbeatMs: o.heartbeatMs ?? HEARTBEAT_MS,
      retryMs: RETRY_MS,
      signal: c.req.raw.signal,
      onClose: () => unsubscribe(),
    });
    unsubscribe = await o.live.subscribe(c.get('principal'), client);
    if (client.closed) unsubscribe();
    return response;
  });
  return app;
}
