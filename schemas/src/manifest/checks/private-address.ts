/**
 * @module Whether a host names a machine on a private, loopback or otherwise local network.
 */

const IPV4_LOCAL: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'this-network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const LOCAL_NAMES = ['localhost', 'local', 'internal', 'lan', 'home.arpa', 'intranet'];

function ipv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
    return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function ipv4Range(address: string): string | undefined {
  const n = ipv4Number(address);
  if (n === undefined) return undefined;
  for (const [base, bits, kind] of IPV4_LOCAL) {
    const size = 2 ** (32 - bits);
    const start = ipv4Number(base)!;
    if (n >= start && n < start + size) return `${kind} range ${base}/${bits}`;
  }
  return undefined;
}

function ipv6Range(address: string): string | undefined {
  const a = address.toLowerCase();
  // An IPv4-mapped address reaches the IPv4 host; URL parsing writes it in hex.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (mapped) {
    const [high, low] = [Number.parseInt(mapped[1]!, 16), Number.parseInt(mapped[2]!, 16)];
    return ipv4Range([high >> 8, high & 255, low >> 8, low & 255].join('.'));
  }
  if (/^[0:]+$/.test(a)) return 'unspecified address ::';
  if (/^[0:]+1$/.test(a) && a.includes('::')) return 'loopback address ::1';
  const first = a.startsWith('::') ? 0 : Number.parseInt(a.split(':')[0] ?? '', 16);
  if ((first & 0xfe00) === 0xfc00) return 'unique-local range fc00::/7';
  if ((first & 0xffc0) === 0xfe80) return 'link-local range fe80::/10';
  if ((first & 0xff00) === 0xff00) return 'multicast range ff00::/8';
  return undefined;
}

/**
 * Says why a host pattern (as in a net:fetch permission) reaches the local network, or
 * returns undefined for a public host. Hosts are read the way a browser reads them, so
 * "2130706433" and "0x7f.0.0.1" are seen as the loopback address they are.
 */
export function localNetworkReason(hostPattern: string): string | undefined {
  const bare = hostPattern.replace(/^\*\./, '').replace(/:\d+$/, '');
  let hostname: string;
  try {
    hostname = new URL(`http://${bare}/`).hostname;
  } catch {
    return undefined; // not a host the schema accepts; the structure pass says so
  }
  if (hostname.startsWith('[')) return ipv6Range(hostname.slice(1, -1));
  const v4 = ipv4Range(hostname);
  if (v4) return v4;
  const name = LOCAL_NAMES.find((n) => hostname === n || hostname.endsWith(`.${n}`));
  return name ? `local name ".${name}"` : undefined;
}
