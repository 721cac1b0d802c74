import { HengError, PermissionDeniedError } from '@heng/schemas';
import { describe, expect, test } from 'vitest';
import { brokerFixture, failure } from './broker-fixture.ts';

const net = (hosts = ['api.weather.example']) =>
  brokerFixture([{ capability: 'net:fetch', hosts }]);

describe('Broker: fetch', () => {
  test('fetches from a granted host and returns status, headers and body, without cookies', async () => {
    const f = net();
    f.onFetch(
      async () =>
        new Response('{"t":21}', {
          status: 200,
          headers: { 'content-type': 'application/json', 'set-cookie': 'sid=1' },
        }),
    );
    const res = (await f.call('fetch', 'https://api.weather.example/now?city=hengyang', {
      method: 'post',
      headers: { Accept: 'application/json' },
      body: '{}',
    })) as { status: number; headers: Record<string, string>; body: string; url: string };
    expect(res).toMatchObject({
      status: 200,
      body: '{"t":21}',
      url: 'https://api.weather.example/now?city=hengyang',
    });
    expect(res.headers).toEqual({ 'content-type': 'application/json' });
    expect(f.fetches[0]?.init).toMatchObject({
      method: 'POST',
      headers: { accept: 'application/json' },
      body: '{}',
      redirect: 'manual',
    });
    expect(f.audit[0]).toMatchObject({
      action: 'fetch',
      outcome: 'allowed',
      target: 'https://api.weather.example/now',
      reason: 'POST 200',
    });
  });

  test.each([
    { what: 'plain http', url: 'http://api.weather.example/now', named: 'https' },
    { what: 'another host', url: 'https://evil.example/steal', named: "'evil.example'" },
    {
      what: 'another port',
      url: 'https://api.weather.example:8443/now',
      named: "'api.weather.example:8443'",
    },
    { what: 'a loopback address', url: 'https://127.0.0.1/', named: "'127.0.0.1'" },
  ])('refuses $what, naming the host', async ({ url, named }) => {
    const f = net();
    const err = await failure(() => f.call('fetch', url));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err.message).toContain(named);
    expect(f.fetches).toEqual([]);
  });

  test('follows a redirect on the same host, and refuses one to another host', async () => {
    const f = net();
    f.onFetch(async ({ url }) => {
      if (url.endsWith('/old'))
        return new Response(null, { status: 301, headers: { location: '/new' } });
      if (url.endsWith('/new'))
        return new Response(null, { status: 302, headers: { location: 'https://evil.example/x' } });
      return new Response('never');
    });
    const err = await failure(() => f.call('fetch', 'https://api.weather.example/old'));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err.message).toContain("'evil.example'");
    expect(f.fetches.map((c) => c.url)).toEqual([
      'https://api.weather.example/old',
      'https://api.weather.example/new',
    ]);
    expect(f.audit[0]).toMatchObject({ outcome: 'denied' });
  });

  test('turns a POST into a GET on a 303', async () => {
    const f = net();
    f.onFetch(async ({ url }) =>
      url.endsWith('/form')
        ? new Response(null, { status: 303, headers: { location: '/done' } })
        : new Response('done'),
    );
    const res = (await f.call('fetch', 'https://api.weather.example/form', {
      method: 'POST',
      body: 'a=1',
    })) as { body: string };
    expect(res.body).toBe('done');
    expect(f.fetches[1]?.init).toMatchObject({ method: 'GET' });
    expect(f.fetches[1]?.init.body).toBeUndefined();
  });

  test('gives up after too many redirects', async () => {
    const f = brokerFixture([{ capability: 'net:fetch', hosts: ['api.weather.example'] }], {
      maxRedirects: 2,
    });
    f.onFetch(async () => new Response(null, { status: 307, headers: { location: '/again' } }));
    const err = await failure(() => f.call('fetch', 'https://api.weather.example/loop'));
    expect(err.message).toContain('more than 2 times');
    expect(f.fetches).toHaveLength(3);
  });

  test('fails when the response body is over the limit', async () => {
    const f = brokerFixture([{ capability: 'net:fetch', hosts: ['api.weather.example'] }], {
      maxFetchResponseBytes: 1024,
    });
    f.onFetch(async () => new Response('x'.repeat(1025)));
    const err = await failure(() => f.call('fetch', 'https://api.weather.example/big'));
    expect(err.code).toBe('payload_too_large');
    expect(err.message).toContain("'api.weather.example'");
    f.onFetch(async () => new Response('x'.repeat(1024)));
    expect(
      ((await f.call('fetch', 'https://api.weather.example/ok')) as { body: string }).body,
    ).toHaveLength(1024);
  });

  test('refuses hop-by-hop headers, bodies on GET and unknown methods', async () => {
    const f = net();
    const url = 'https://api.weather.example/x';
    for (const init of [
      { headers: { Host: 'evil.example' } },
      { headers: { 'transfer-encoding': 'chunked' } },
      { headers: { 'x-a': 'line\r\nbreak' } },
      { headers: { 'bad name': 'v' } },
      { body: 'x' },
      { method: 'CONNECT' },
      { method: 'POST', body: 42 },
    ]) {
      expect((await failure(() => f.call('fetch', url, init))).code).toBe('invalid_input');
    }
    expect(f.fetches).toEqual([]);
  });

  test('reports a network failure as an error naming the host', async () => {
    const f = net();
    f.onFetch(async () => {
      throw new TypeError('fetch failed');
    });
    const err = await failure(() => f.call('fetch', 'https://api.weather.example/x'));
    expect(err).toBeInstanceOf(HengError);
    expect(err.message).toContain("'api.weather.example'");
    expect(f.audit[0]).toMatchObject({ outcome: 'error' });
  });

  test('aborts an in-flight fetch on dispose, and the call never settles', async () => {
    const f = net();
    let aborted!: () => void;
    const abortSeen = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    f.onFetch(
      ({ init }) =>
        new Promise<Response>((_, reject) => {
          init.signal?.addEventListener('abort', () => {
            aborted();
            reject(init.signal?.reason);
          });
        }),
    );
    let settled = false;
    const pending = f.call('fetch', 'https://api.weather.example/slow') as Promise<unknown>;
    pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    f.broker.dispose();
    await abortSeen;
    // Let every reaction that could settle the call run: the rejection path is a few hops long.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settled).toBe(false);
    expect(f.audit[0]).toMatchObject({
      action: 'fetch',
      outcome: 'error',
      reason: expect.stringContaining('cancelled'),
    });
  });
});

describe('Broker: fetch timeout', () => {
  test('aborts a fetch that takes longer than the timeout, naming the host', async () => {
    const f = brokerFixture([{ capability: 'net:fetch', hosts: ['api.weather.example'] }], {
      fetchTimeoutMs: 1,
    });
    f.onFetch(
      ({ init }) =>
        new Promise<Response>((_, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const err = await failure(() => f.call('fetch', 'https://api.weather.example/slow'));
    expect(err.message).toContain("host 'api.weather.example' failed: no answer within 1 ms");
  });
});
