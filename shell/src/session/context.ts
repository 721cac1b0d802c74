/** @module What every view is given: the API client, the live feed, the router and the session. */
import type { ApiClient } from '../api/index.ts';
import type { LiveFeed } from '../live/index.ts';
import type { HashRouter } from '../router/index.ts';
import type { Me } from './session.ts';

/** Shared by the app with each view through its `ctx` property. */
export interface ShellContext {
  api: ApiClient;
  live: LiveFeed;
  router: HashRouter;
  me: Me | null;
}
