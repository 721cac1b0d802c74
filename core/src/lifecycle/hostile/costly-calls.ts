/**
 * @module Every host call of the plugin API that takes a string or an object, as an expression
 * with a hole for the argument a hostile plugin makes as large or as frequent as it likes.
 */

/** One way to call the host with an argument of the plugin's choosing. */
export interface CostlyCall {
  /** How the plugin writes it. */
  call: string;
  /** The host operation it becomes. */
  op: string;
  /** The call as source, given the source of its argument. */
  source(arg: string): string;
  /** Answered later (a promise) rather than at once. */
  async: boolean;
  permissions?: unknown[];
}

const STORAGE = [{ capability: 'storage', quotaKiB: 4 }];
const PUBLISH = [{ capability: 'events:publish', topics: ['hostile/#'] }];
const COMMAND = [
  {
    capability: 'command:write',
    points: ['site-1/+/dimming'],
    rate: { count: 100000, perSeconds: 60 },
  },
];
const TELEMETRY = [{ capability: 'telemetry:read', points: ['site-1/+/temp'] }];
const FETCH = [{ capability: 'net:fetch', hosts: ['api.example.org'] }];

const sync = (call: string, op: string, source: (arg: string) => string): CostlyCall => ({
  call,
  op,
  source,
  async: false,
});

const later = (
  call: string,
  op: string,
  permissions: unknown[],
  source: (arg: string) => string,
): CostlyCall => ({ call, op, source, async: true, permissions });

export const COSTLY_CALLS: CostlyCall[] = [
  sync('heng.log.info(message)', 'log', (a) => `heng.log.info(${a})`),
  sync('heng.log.warn(message)', 'log', (a) => `heng.log.warn(${a})`),
  sync('heng.log.error(message)', 'log', (a) => `heng.log.error(${a})`),
  sync('heng.log.info(message, data)', 'log', (a) => `heng.log.info('m', { text: ${a} })`),
  later(
    'heng.storage.put(key, value)',
    'storage.put',
    STORAGE,
    (a) => `heng.storage.put('k', { text: ${a} })`,
  ),
  later('heng.storage.put(key)', 'storage.put', STORAGE, (a) => `heng.storage.put(${a}, 1)`),
  later('heng.storage.get(key)', 'storage.get', STORAGE, (a) => `heng.storage.get(${a})`),
  later('heng.storage.delete(key)', 'storage.delete', STORAGE, (a) => `heng.storage.delete(${a})`),
  later('heng.storage.list(prefix)', 'storage.list', STORAGE, (a) => `heng.storage.list(${a})`),
  later(
    'heng.events.publish(topic, payload)',
    'events.publish',
    PUBLISH,
    (a) => `heng.events.publish('hostile/x', { text: ${a} })`,
  ),
  later(
    'heng.events.publish(topic)',
    'events.publish',
    PUBLISH,
    (a) => `heng.events.publish(${a}, {})`,
  ),
  later(
    'heng.events.publish(topic, payload, { title })',
    'events.publish',
    PUBLISH,
    (a) => `heng.events.publish('hostile/x', {}, { title: ${a} })`,
  ),
  later(
    'heng.commands.send({ value })',
    'commands.send',
    COMMAND,
    (a) => `heng.commands.send({ point: 'site-1/lamp-1/dimming', value: ${a}, reason: 'r' })`,
  ),
  later(
    'heng.commands.send({ reason })',
    'commands.send',
    COMMAND,
    (a) => `heng.commands.send({ point: 'site-1/lamp-1/dimming', value: 1, reason: ${a} })`,
  ),
  later(
    'heng.telemetry.latest(point)',
    'telemetry.latest',
    TELEMETRY,
    (a) => `heng.telemetry.latest(${a})`,
  ),
  later('heng.fetch(url)', 'fetch', FETCH, (a) => `heng.fetch(${a})`),
  later(
    'heng.fetch(url, { body })',
    'fetch',
    FETCH,
    (a) => `heng.fetch('https://api.example.org/in', { method: 'POST', body: ${a} })`,
  ),
  later(
    'heng.fetch(url, { headers })',
    'fetch',
    FETCH,
    (a) => `heng.fetch('https://api.example.org/in', { headers: { 'x-big': ${a} } })`,
  ),
];
