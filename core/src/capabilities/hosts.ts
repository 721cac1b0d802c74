/**
 * @module Host rules of the `net:fetch` permission: `api.example.org`, `*.example.org`,
 * `example.org:8443`; matched against https URLs only.
 */

/** One compiled `net:fetch` host entry. */
export interface HostRule {
  /** The entry as the manifest wrote it. */
  readonly source: string;
  /** Lower-case hostname (punycode for IDNs), without the `*.`. */
  readonly hostname: string;
  /** True for `*.hostname`: any subdomain at any depth, not the bare hostname. */
  readonly wildcard: boolean;
  readonly port: number;
}

const HTTPS_PORT = 443;

/** Parses a host entry; returns a problem description instead when it is malformed. */
export function parseHostRule(entry: unknown): HostRule | string {
  if (typeof entry !== 'string' || entry.length === 0 || entry.length > 260) {
    return 'must be a hostname of 1..260 characters';
  }
  const wildcard = entry.startsWith('*.');
  const rest = wildcard ? entry.slice(2) : entry;
  if (/[/?#@\\*\s]/.test(rest)) return 'must be a bare hostname with an optional :port';
  let url: URL;
  try {
    url = new URL(`https://${rest}`);
  } catch {
    return 'is not a valid hostname';
  }
  if (url.pathname !== '/' || url.username || url.password) return 'is not a valid hostname';
  return Object.freeze({
    source: entry,
    hostname: url.hostname,
    wildcard,
    port: url.port === '' ? HTTPS_PORT : Number(url.port),
  });
}

/** Tells whether an https URL is within one of the rules. Other schemes never are. */
export function urlMatchesHosts(url: string | URL, rules: readonly HostRule[]): boolean {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  // Credentials in a URL would leave the host with the plugin's secret in clear in logs.
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const port = parsed.port === '' ? HTTPS_PORT : Number(parsed.port);
  const host = parsed.hostname;
  return rules.some(
    (rule) =>
      rule.port === port &&
      (rule.wildcard ? host.endsWith(`.${rule.hostname}`) : host === rule.hostname),
  );
}
