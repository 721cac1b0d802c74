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
  if (isPrivateHost(url.hostname))
    return "must not be on the site's own network (private or loopback)";
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
  if (isPrivateHost(host)) return false;
  return rules.some(
    (rule) =>
      rule.port === port &&
      (rule.wildcard ? host.endsWith(`.${rule.hostname}`) : host === rule.hostname),
  );
}

/**
 * Tells whether a (URL-normalised) hostname names the local network by address: loopback,
 * private, link-local, CGNAT, multicast, IPv4-mapped IPv6, `localhost`. Names that resolve to
 * such addresses can only be caught by the host's fetch (its resolver), not here.
 */
export function isPrivateHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(hostname);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (hostname.startsWith('[')) {
    const v6 = hostname.slice(1, -1);
    return (
      v6 === '::' ||
      v6 === '::1' ||
      /^f[cd]/.test(v6) ||
      /^fe[89ab]/.test(v6) ||
      v6.startsWith('ff') ||
      v6.startsWith('::ffff:')
    );
  }
  return false;
}
