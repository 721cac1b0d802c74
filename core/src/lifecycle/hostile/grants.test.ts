import { describe, expect, test } from 'vitest';
import { HOSTILE, hostileSuite } from './suite.ts';

const suite = hostileSuite();
const hostile: typeof suite.hostile = (bundle, more) => suite.hostile(bundle, more);
const reply: typeof suite.reply = (query) => suite.reply(query);

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
    await suite.world.start(
      hostile(
        `export default { async onRequest(req, { heng }) { ${sendAll(points)} } };`,
        commander(3),
      ),
    );
    expect(await reply()).toEqual({ value: ['sent', 'sent', 'sent', 'rate_limited'] });
    expect(suite.world.commands.map((c) => c.device)).toEqual(['lamp-1', 'lamp-2', 'lamp-3']);
    const denied = suite.world.audit.filter(
      (e) => e.actor === `plugin:${HOSTILE}` && e.outcome === 'denied',
    );
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ action: 'commands.send', target: 'site-1/lamp-4/dimming' });
    expect(denied[0]?.reason).toMatch(/exceeded 3 commands per 60 s/);
  });

  test('gets permission_denied for a point outside its grant, and nothing is written', async () => {
    const points = ['site-2/pump-1/speed', 'site-1/lamp-1/power'];
    await suite.world.start(
      hostile(
        `export default { async onRequest(req, { heng }) { ${sendAll(points)} } };`,
        commander(10),
      ),
    );
    expect(await reply()).toEqual({ value: ['permission_denied', 'permission_denied'] });
    expect(suite.world.commands).toEqual([]);
    const denied = suite.world.audit
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
    await suite.world.start(
      hostile(bundle, { permissions: [{ capability: 'storage', quotaKiB: 4 }] }),
    );
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
    expect(JSON.parse(suite.world.backing.get('plugin/com.example.good/secret')!)).toEqual({
      pin: 1234,
    });
    const denied = suite.world.audit.filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.reason)).toEqual([
      expect.stringMatching(/control characters/),
      expect.stringMatching(/1\.\.256 characters/),
    ]);
  });

  test('gets permission_denied publishing on a topic it may not, and nobody receives it', async () => {
    const bundle = onRequestPublish(
      `try { await heng.events.publish('good/in', { x: 1 }) ; return 'published' } catch (e) { return e.code }`,
    );
    await suite.world.start(
      hostile(bundle, { permissions: [{ capability: 'events:publish', topics: ['hostile/#'] }] }),
    );
    expect(await reply()).toEqual({ value: 'permission_denied' });
    await suite.world.bus.idle();
    expect(suite.world.backing.has('plugin/com.example.good/event')).toBe(false);
    const denied = suite.world.audit.filter((e) => e.outcome === 'denied');
    expect(denied).toMatchObject([{ action: 'events.publish', target: 'good/in' }]);
    expect(denied[0]?.reason).toMatch(/may not publish on topic 'good\/in'/);
  });

  test('receives only the topics it subscribed to', async () => {
    const bundle = `const seen = [];
      export default { onEvent(e) { seen.push(e.topic) }, onRequest() { return seen } };`;
    await suite.world.start(
      hostile(bundle, { permissions: [{ capability: 'events:subscribe', topics: ['hostile/+'] }] }),
    );
    for (const topic of ['good/in', 'hostile/a', 'hostile/a/b', 'hostilex/a', 'hostile/b'])
      suite.world.publish(topic, {});
    await suite.world.bus.idle();
    expect(await reply()).toEqual({ value: ['hostile/a', 'hostile/b'] });
    expect(suite.world.backing.get('plugin/com.example.good/event')).toBe(
      JSON.stringify('good/in'),
    );
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
    await suite.world.start(hostile(bundle, { permissions: echo }));
    expect(await reply()).toEqual({ value: 'sent' });
    await suite.world.bus.idle();
    expect(await reply({ read: '1' })).toEqual({ value: [['echo/ping', 0]] });
  });

  test('stops an event storm at its publish rate instead of looping forever', async () => {
    // Bounded by the plugin itself at 500 rounds, so a missing limit fails instead of hanging.
    const bundle = `export default { async onEvent(e, { heng }) {
      if (e.payload.n < 500) await heng.events.publish('echo/storm', { n: e.payload.n + 1 });
    } };`;
    await suite.world.start(hostile(bundle, { permissions: echo }));
    suite.world.publish('echo/storm', { n: 0 });
    await suite.world.bus.idle();
    const published = suite.world.audit.filter(
      (e) => e.action === 'events.publish' && e.outcome === 'allowed',
    );
    const refused = suite.world.audit.filter(
      (e) => e.action === 'events.publish' && e.outcome === 'denied',
    );
    expect(published.length).toBeLessThan(500);
    expect(refused).toHaveLength(1);
    const status = await suite.world.reach(HOSTILE, 'quarantined');
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
    await suite.world.start(hostile(bundle, routes));
    const res = await suite.world.app.request(`/plugins/${HOSTILE}/big`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: 'result_too_large' } });
  });

  test('is sent a body over the request cap: 413 and the plugin is never called', async () => {
    const bundle = `let calls = 0; export default { onRequest(req) { calls++; return { status: 200, body: String(calls) } } };`;
    await suite.world.start(hostile(bundle, routes));
    const res = await suite.world.app.request(`/plugins/${HOSTILE}/in`, {
      method: 'POST',
      body: 'x'.repeat(65 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const after = await suite.world.app.request(`/plugins/${HOSTILE}/in`, {
      method: 'POST',
      body: 'ok',
    });
    expect(await after.text()).toBe('1');
  });
});
