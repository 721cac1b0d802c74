/**
 * @module `heng-edge start --hub URL --token T`: the hub to sync with, checked before anything
 * opens. The token may come from HENG_EDGE_TOKEN instead, so it stays out of the process list.
 */
import { HengError } from '@heng/schemas';
import type { SyncState, SyncStatus } from './status.ts';

export interface HubFlags {
  hub?: string;
  token?: string;
}

/** The hub and token, or undefined without `--hub`. Errors never repeat the token. */
export function hubFromFlags(
  flags: HubFlags,
  env: Record<string, string | undefined> = process.env,
): { url: URL; token: string } | undefined {
  const token = flags.token ?? env['HENG_EDGE_TOKEN'];
  if (!flags.hub) {
    if (flags.token)
      throw new HengError('invalid_input', '--token needs --hub: the hub to sync with');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(flags.hub);
  } catch {
    throw new HengError(
      'invalid_input',
      `--hub ${flags.hub}: not a URL (e.g. https://hub.example.city)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new HengError('invalid_input', `--hub: ${url.protocol} is not http(s)`);
  if (url.username || url.password)
    throw new HengError(
      'invalid_input',
      '--hub: put no credentials in the URL; give the site token with --token or HENG_EDGE_TOKEN',
    );
  if (!token)
    throw new HengError(
      'invalid_input',
      '--hub needs the site token: --token T or HENG_EDGE_TOKEN',
    );
  return { url, token };
}

/**
 * Logs the link's state when it changes (not every pending count): one line for online, offline
 * and denied, with the secret-free reason.
 */
export function syncStatusLog(log: (line: string) => void): (status: SyncStatus) => void {
  let last: SyncState | undefined;
  return (status) => {
    if (status.state === last) return;
    last = status.state;
    const why = status.error && status.state !== 'online' ? ` (${status.error})` : '';
    const advice = status.state === 'denied' ? '; the hub refused the token, not retrying' : '';
    log(`heng-edge: sync ${status.state}${why}${advice}`);
  };
}
