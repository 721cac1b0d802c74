/**
 * @module The parsers of `heng-hub start`'s options: each refuses a bad value with commander's
 * `InvalidArgumentError`, so the user gets one line naming the option, not a stack trace.
 */
import { InvalidArgumentError } from 'commander';
import { MAX_ONLINE_WINDOW_MS, MIN_ONLINE_WINDOW_MS } from '../sites/sync-state.ts';

/** `--port`: a whole number 0..65535 (0 picks a free port). */
export function parsePort(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`must be a whole number 0..65535, got "${value}"`);
  return n;
}

/**
 * `--online-window <seconds>`: whole seconds within the tracker's range, returned in ms.
 * @example parseOnlineWindow('90') // → 90000
 */
export function parseOnlineWindow(value: string): number {
  const s = Number(value);
  const min = MIN_ONLINE_WINDOW_MS / 1000;
  const max = MAX_ONLINE_WINDOW_MS / 1000;
  if (value.trim() === '' || !Number.isInteger(s) || s < min || s > max)
    throw new InvalidArgumentError(`must be whole seconds from ${min} to ${max}, got "${value}"`);
  return s * 1000;
}

/**
 * `--couchdb <url>`: an http(s) URL without a password. Arguments are in every local user's
 * process list (`ps`), so a password goes in `COUCHDB_URL` (the environment) instead.
 */
export function parseCouchdbArg(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`must be a URL such as http://127.0.0.1:5984, got "${value}"`);
  }
  if (url.password)
    throw new InvalidArgumentError(
      'holds a password, which every local user could read in the process list; set COUCHDB_URL in the environment instead',
    );
  return value;
}

/**
 * `--origin <url>` (repeatable): an origin browsers reach the hub at besides its own address,
 * such as a TLS proxy's. Only scheme, host and port: a path or anything else is refused.
 */
export function parseOrigin(value: string, previous: string[] = []): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(
      `must be an origin such as https://hub.city.example, got "${value}"`,
    );
  }
  if (!['http:', 'https:'].includes(url.protocol) || value.replace(/\/$/, '') !== url.origin)
    throw new InvalidArgumentError(
      `must be an origin (scheme, host and port only) such as https://hub.city.example, got "${value}"`,
    );
  return [...previous, url.origin];
}
