/** @module The Hono environment of the hub's routes: who is asking, once authenticated. */
import type { Principal } from '../auth/types.ts';

export interface HubEnv {
  Variables: { principal: Principal };
}
