import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FAULTS } from './faults.ts';
import { OBSERVATIONS } from './observations.ts';
import { FRESH, GOOD, type PluginSpec } from './plugins.ts';
import { createWorld, request, START, type World } from './world.ts';

const HOSTILE = 'com.example.hostile';
let world: World;

beforeEach(async () => {
  world = await createWorld();
  expect((await world.start(GOOD)).state).toBe('active');
});

// After every case: the well-behaved plugin still answers, a fresh plugin still installs and
// runs, and disposing the host frees every QuickJS runtime without throwing.
afterEach(async () => {
  try {
    await world.host.deliverTelemetry({
      site: 'site-1',
      device: 'ahu-1',
      point: 'temp',
      value: 21.5,
      quality: 'good',
      ts: new Date(START).toISOString(),
    });
    const res = await world.app.request('/plugins/com.example.good/sum?a=2&b=3');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      sum: 5,
      last: 21.5,
      label: 'good',
      json: 'function',
      proto: null,
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await world.start(FRESH)).state).toBe('active');
    expect(await world.call(FRESH.id, 'request', request({ query: { n: '7' } }))).toEqual({
      value: { status: 200, body: 'fresh:7' },
    });
  } finally {
    await world.host.dispose();
    world.bus.dispose();
  }
  expect(world.runtimes.filter((runtime) => runtime.alive)).toHaveLength(0);
});

const hostile = (bundle: string, more: Partial<PluginSpec> = {}): PluginSpec => ({
  id: HOSTILE,
  bundle,
  ...more,
});

async function reply(query: Record<string, string> = {}) {
  return world.call(HOSTILE, 'request', request({ query }));
}

describe('a plugin that must be stopped', () => {
  test.each(FAULTS)(
    '$code: $name',
    async ({ when, bundle, limits, permissions, code, message, without }) => {
      const spec = hostile(bundle, { limits, permissions });
      const activated = await world.start(spec);
      if (when === 'request') {
        expect(activated.state).toBe('active');
        const result = await reply();
        expect('error' in result && result.error.code).toBe(code);
      }
      const status = await world.reach(HOSTILE, 'quarantined');
      expect(status.faults).toBe(1);
      expect(status.restartAt).toBe(START + 1000);
      expect(status.lastError?.code).toBe(code);
      if (message) expect(status.lastError?.message).toMatch(message);
      if (without) expect(status.lastError?.message).not.toContain(without);
      expect(world.host.running(HOSTILE)).toBeUndefined();
    },
  );
});

describe('a plugin that probes and tampers', () => {
  test.each(OBSERVATIONS)('$name', async ({ bundle, permissions, limits, query, expected }) => {
    const configSchema = { type: 'object', properties: { label: { type: 'string' } } };
    await world.start(
      hostile(bundle, { permissions, limits, configSchema, config: { label: 'kept' } }),
    );
    expect(await reply(query)).toEqual({ value: expected });
    expect(world.host.status(HOSTILE).state).toBe('active');
  });
});

describe('a plugin that reaches past its grant', () => {
  const commander = (count: number) => ({
    permissions: [
      {
        capability: 'command:write',
        points: ['site-1/+/dimming'],
        rate: { count, perSeconds: 60 },
      },
    ],
  });
  const sendAll = (points: string[]) => `const out = [];
    for (const point of ${JSON.stringify(points)}) {
      try { await heng.commands.send({ point, value: 30, reason: 'night' }); out.push('sent') } catch (e) { out.push(e.code) }
    }
    return out;`;

  test('gets rate_limited on the command after its rate, audited as denied', async () => {
    const points = [
      'site-1/lamp-1/dimming',
      'site-1/lamp-2/dimming',
      'site-1/lamp-3/dimming',
      'site-1/lamp-4/dimming',
    ];
    await world.start(
      hostile(
        `export default { async onRequest(req, { heng }) { ${sendAll(points)} } };`,
        commander(3),
      ),
    );
    expect(await reply()).toEqual({ value: ['sent', 'sent', 'sent', 'rate_limited'] });
    expect(world.commands.map((c) => c.device)).toEqual(['lamp-1', 'lamp-2', 'lamp-3']);
    const denied = world.audit.filter(
      (e) => e.actor === `plugin:${HOSTILE}` && e.outcome === 'denied',
    );
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ action: 'commands.send', target: 'site-1/lamp-4/dimming' });
    expect(denied[0]?.reason).toMatch(/exceeded 3 commands per 60 s/);
  });

  test('gets permission_denied for a point outside its grant, and nothing is written', async () => {
    const points = ['site-2/pump-1/speed', 'site-1/lamp-1/power'];
    await world.start(
      hostile(
        `export default { async onRequest(req, { heng }) { ${sendAll(points)} } };`,
        commander(10),
      ),
    );
    expect(await reply()).toEqual({ value: ['permission_denied', 'permission_denied'] });
    expect(world.commands).toEqual([]);
    const denied = world.audit
      .filter((e) => e.outcome === 'denied')
      .map((e) => [e.action, e.target]);
    expect(denied).toEqual([
      ['commands.send', 'site-2/pump-1/speed'],
      ['commands.send', 'site-1/lamp-1/power'],
    ]);
  });

  test("cannot name another plugin's storage, whatever the key", async () => {
    const keys = [
      '../com.example.good/secret',
      'plugin/com.example.good/secret',
      '/../../com.example.good/secret',
      'com.example.good/secret',
      '\u0000',
      'k'.repeat(300),
      'secret',
    ];
    const bundle = `export default { async onRequest(req, { heng }) {
      const out = [];
      for (const key of ${JSON.stringify(keys)}) {
        try { out.push((await heng.storage.get(key)) ?? 'nothing') } catch (e) { out.push(e.code) }
      }
      await heng.storage.put('__proto__', { polluted: true });
      out.push(await heng.storage.get('__proto__'), (await heng.storage.list('', { limit: 10 })).map((e) => e.key));
      return out;
    } };`;
    await world.start(hostile(bundle, { permissions: [{ capability: 'storage', quotaKiB: 4 }] }));
    expect(await reply()).toEqual({
      value: [
        'nothing',
        'nothing',
        'nothing',
        'nothing',
        'invalid_input',
        'invalid_input',
        'nothing',
        { polluted: true },
        ['__proto__'],
      ],
    });
    expect(JSON.parse(world.backing.get('plugin/com.example.good/secret')!)).toEqual({ pin: 1234 });
    const denied = world.audit.filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.reason)).toEqual([
      expect.stringMatching(/control characters/),
      expect.stringMatching(/1\.\.256 characters/),
    ]);
  });

  test('gets permission_denied publishing on a topic it may not, and nobody receives it', async () => {
    const bundle = onRequestPublish(
      `try { await heng.events.publish('good/in', { x: 1 }) ; return 'published' } catch (e) { return e.code }`,
    );
    await world.start(
      hostile(bundle, { permissions: [{ capability: 'events:publish', topics: ['hostile/#'] }] }),
    );
    expect(await reply()).toEqual({ value: 'permission_denied' });
    await world.bus.idle();
    expect(world.backing.has('plugin/com.example.good/event')).toBe(false);
    const denied = world.audit.filter((e) => e.outcome === 'denied');
    expect(denied).toMatchObject([{ action: 'events.publish', target: 'good/in' }]);
    expect(denied[0]?.reason).toMatch(/may not publish on topic 'good\/in'/);
  });

  test('receives only the topics it subscribed to', async () => {
    const bundle = `const seen = [];
      export default { onEvent(e) { seen.push(e.topic) }, onRequest() { return seen } };`;
    await world.start(
      hostile(bundle, { permissions: [{ capability: 'events:subscribe', topics: ['hostile/+'] }] }),
    );
    for (const topic of ['good/in', 'hostile/a', 'hostile/a/b', 'hostilex/a', 'hostile/b'])
      world.publish(topic, {});
    await world.bus.idle();
    expect(await reply()).toEqual({ value: ['hostile/a', 'hostile/b'] });
    expect(world.backing.get('plugin/com.example.good/event')).toBe(JSON.stringify('good/in'));
  });
});

function onRequestPublish(body: string): string {
  return `export default { async onRequest(req, { heng }) { ${body} } };`;
}

describe('a plugin that publishes to itself', () => {
  const echo = [
    { capability: 'events:publish', topics: ['echo/#'] },
    { capability: 'events:subscribe', topics: ['echo/#'] },
  ];

  test('gets its own event after the publishing call returned, never nested, once', async () => {
    const bundle = `let depth = 0; const seen = [];
      export default {
        onEvent(e) { seen.push([e.topic, depth]) },
        async onRequest(req, { heng }) {
          if (req.query.read) return seen;
          depth++; const sent = heng.events.publish('echo/ping', { n: 1 }); depth--;
          await sent; return 'sent';
        },
      };`;
    await world.start(hostile(bundle, { permissions: echo }));
    expect(await reply()).toEqual({ value: 'sent' });
    await world.bus.idle();
    expect(await reply({ read: '1' })).toEqual({ value: [['echo/ping', 0]] });
  });

  test('stops an event storm at its publish rate instead of looping forever', async () => {
    // Bounded by the plugin itself at 500 rounds, so a missing limit fails instead of hanging.
    const bundle = `export default { async onEvent(e, { heng }) {
      if (e.payload.n < 500) await heng.events.publish('echo/storm', { n: e.payload.n + 1 });
    } };`;
    await world.start(hostile(bundle, { permissions: echo }));
    world.publish('echo/storm', { n: 0 });
    await world.bus.idle();
    const published = world.audit.filter(
      (e) => e.action === 'events.publish' && e.outcome === 'allowed',
    );
    const refused = world.audit.filter(
      (e) => e.action === 'events.publish' && e.outcome === 'denied',
    );
    expect(published.length).toBeLessThan(500);
    expect(refused).toHaveLength(1);
    const status = await world.reach(HOSTILE, 'quarantined');
    expect(status.lastError?.message).toMatch(/did not handle a host error: rate_limited/);
  });
});

describe('a plugin behind the HTTP routes', () => {
  const routes = {
    permissions: [
      {
        capability: 'http:route',
        routes: [
          { method: 'POST', path: '/in' },
          { method: 'GET', path: '/big' },
        ],
      },
    ],
  };

  test('answers with a body over the response cap: 502 with a JSON error', async () => {
    // The sandbox's reply cap and the route's body cap are both 1 MiB: the sandbox refuses first.
    const bundle = onRequestPublish("return { status: 200, body: 'x'.repeat(1024 * 1024 + 1) };");
    await world.start(hostile(bundle, routes));
    const res = await world.app.request(`/plugins/${HOSTILE}/big`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'result_too_large' } });
  });

  test('is sent a body over the request cap: 413 and the plugin is never called', async () => {
    const bundle = `let calls = 0; export default { onRequest(req) { calls++; return { status: 200, body: String(calls) } } };`;
    await world.start(hostile(bundle, routes));
    const res = await world.app.request(`/plugins/${HOSTILE}/in`, {
      method: 'POST',
      body: 'x'.repeat(65 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const after = await world.app.request(`/plugins/${HOSTILE}/in`, { method: 'POST', body: 'ok' });
    expect(await after.text()).toBe('1');
  });
});

describe('a plugin that abuses what it was given', () => {
  test('spams heng.log: capped at 120 lines a minute, long lines cut, drops reported', async () => {
    const bundle = `export default { onRequest(req, { heng }) {
      if (req.query.once) { heng.log.warn('again'); return 'once' }
      heng.log.info('x'.repeat(5000));
      for (let i = 0; i < 300; i++) heng.log.info('line ' + i);
      return 'spammed';
    } };`;
    await world.start(hostile(bundle, { limits: { callTimeoutMs: 1000 } }));
    expect(await reply()).toEqual({ value: 'spammed' });
    expect(world.logs).toHaveLength(120);
    expect(world.logs[0]?.msg).toBe(`${'x'.repeat(2000)}… [3000 characters cut]`);
    expect(world.logs.at(-1)?.msg).toBe('line 118');
    await world.clock.advance(60_000);
    expect(await reply({ once: '1' })).toEqual({ value: 'once' });
    expect(world.logs.slice(120)).toMatchObject([
      { level: 'warn', msg: '181 log lines dropped: over 120 per minute' },
      { level: 'warn', msg: 'again' },
    ]);
  });

  test('mutates the reading it is handed: the host and the other plugins see the original', async () => {
    const bundle = `export default { onTelemetry(r) { r.value = 999; r.site = 'x'; Object.prototype.polluted = true } };`;
    await world.start(
      hostile(bundle, {
        permissions: [{ capability: 'telemetry:read', points: ['site-1/+/temp'] }],
      }),
    );
    const reading = {
      site: 'site-1',
      device: 'ahu-1',
      point: 'temp',
      value: 19,
      quality: 'good' as const,
      ts: new Date(START).toISOString(),
    };
    await world.host.deliverTelemetry(reading);
    expect(reading.value).toBe(19);
    expect(world.backing.get('plugin/com.example.good/last')).toBe('19');
  });

  test('faults every time it starts: restarted after 1, 2, 4 and 8 s, then failed', async () => {
    await world.start(hostile("export default { activate() { throw new Error('always') } };"));
    const delays: number[] = [];
    for (let fault = 1; fault < 5; fault++) {
      const status = world.host.status(HOSTILE);
      expect(status).toMatchObject({ state: 'quarantined', faults: fault });
      delays.push(status.restartAt! - world.clock.now());
      await world.clock.advance(status.restartAt! - world.clock.now());
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    const status = world.host.status(HOSTILE);
    expect(status).toMatchObject({
      state: 'failed',
      faults: 5,
      lastError: { code: 'plugin_crashed' },
    });
    expect(status.restartAt).toBeUndefined();
    await world.clock.advance(3_600_000);
    expect(world.host.status(HOSTILE).state).toBe('failed');
  });
});

function hostileManifest() {
  return {
    id: HOSTILE,
    name: 'hostile',
    version: '1.0.0',
    vendor: { name: 'Hostile Co.' },
    engines: { heng: '^0.1.0' },
    runsOn: ['edge'],
    permissions: [],
  };
}

describe('a bundle that must not install', () => {
  test.each([
    ['does not parse', 'export default {', /does not parse: SyntaxError/],
    [
      "imports the QuickJS 'std' module",
      "import * as std from 'std';\nexport default {};",
      /could not load module 'std'/,
    ],
    [
      "imports the QuickJS 'os' module",
      "import { exec } from 'os';\nexport default {};",
      /could not load module 'os'/,
    ],
  ])('%s: bundle_invalid and nothing installed', async (_name, bundle, message) => {
    const install = world.host.install({ manifest: hostileManifest(), bundle });
    await expect(install).rejects.toMatchObject({
      code: 'bundle_invalid',
      message: expect.stringMatching(message),
    });
    expect(world.host.list().map((s) => s.id)).toEqual([GOOD.id]);
  });

  test('runs none of its top level while installing', async () => {
    const bundle = "heng.log.info('top level ran');\nexport default {};";
    expect(await world.host.install({ manifest: hostileManifest(), bundle })).toMatchObject({
      state: 'installed',
    });
    expect(world.logs).toEqual([]);
    expect(await world.host.activate(HOSTILE)).toMatchObject({ state: 'active' });
    expect(world.logs).toMatchObject([{ level: 'info', msg: 'top level ran' }]);
  });
});
