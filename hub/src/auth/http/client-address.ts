/**
 * @module The client's network address, for sign-in throttling: the peer of the TCP connection.
 * Behind a reverse proxy every client has the proxy's address, so throttling per address then
 * throttles the proxy; the per-account limits still hold (hub/README.md, "Sign-in throttling").
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The remote address of the connection, or `unknown` (a request made in-process, in tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
