/**
 * @module The plugins of the hostile suite as real bundles (ES module source whose default export
 * is what `definePlugin` produces) with the permissions and limits their manifests ask for.
 */

/** One plugin of the suite: its bundle and what its manifest asks for. */
export interface PluginSpec {
  id: string;
  bundle: string;
  permissions?: unknown[];
  limits?: {
    memoryMiB?: number;
    callTimeoutMs?: number;
    stackKiB?: number;
    asyncTimeoutMs?: number;
  };
  config?: Record<string, unknown>;
  configSchema?: Record<string, unknown>;
}

/** The manifest of a spec, as a vendor would write it. */
export function manifestOf(spec: PluginSpec): Record<string, unknown> {
  const manifest: Record<string, unknown> = {
    id: spec.id,
    name: spec.id.split('.').at(-1),
    version: '1.0.0',
    vendor: { name: 'Hostile Co.' },
    engines: { heng: '^0.1.0' },
    runsOn: ['edge'],
    permissions: spec.permissions ?? [],
    // Short deadlines keep the suite fast; the sandbox enforces whatever the manifest says.
    limits: { callTimeoutMs: 30, ...spec.limits },
  };
  if (spec.configSchema) manifest['config'] = spec.configSchema;
  return manifest;
}

/** A well-behaved plugin that shares every host with the hostile ones. */
export const GOOD: PluginSpec = {
  id: 'com.example.good',
  permissions: [
    { capability: 'telemetry:read', points: ['site-1/+/temp'] },
    { capability: 'storage', quotaKiB: 64 },
    { capability: 'events:subscribe', topics: ['good/#'] },
    { capability: 'http:route', routes: [{ method: 'GET', path: '/sum' }] },
  ],
  configSchema: {
    type: 'object',
    properties: { label: { type: 'string' } },
    additionalProperties: false,
  },
  config: { label: 'good' },
  bundle: `export default {
    async activate({ heng }) { await heng.storage.put('secret', { pin: 1234 }); },
    async onTelemetry(reading, { heng }) { await heng.storage.put('last', reading.value); },
    async onEvent(event, { heng }) { await heng.storage.put('event', event.topic); },
    async onRequest(req, { heng, config }) {
      const sum = Number(req.query.a) + Number(req.query.b);
      const last = (await heng.storage.get('last')) ?? null;
      return { status: 200, headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sum, last, label: config.label, json: typeof JSON.parse, proto: ({}).polluted ?? null }) };
    },
  };`,
};

/** A plugin installed after each hostile case: the host must still take new plugins. */
export const FRESH: PluginSpec = {
  id: 'com.example.fresh',
  bundle: `export default { onRequest(req) { return { status: 200, body: 'fresh:' + req.query.n } } };`,
};

/** A handler that spins for ~0.5 s of CPU and then returns: long past any deadline, yet bounded, so a host bug shows as a wrong outcome instead of a hung test run. */
export const SLOW_GETTER = `get name() { let i = 0; while (i < 3e7) i++; return 'LEAKED' }`;

/** A bundle whose only handler is `onRequest`, with `body` as its body. */
export function onRequest(body: string, prefix = ''): string {
  return `${prefix}\nexport default { onRequest(req, { heng, config }) { ${body} } };`;
}

/** The same with an async handler. */
export function onRequestAsync(body: string, prefix = ''): string {
  return `${prefix}\nexport default { async onRequest(req, { heng, config }) { ${body} } };`;
}
