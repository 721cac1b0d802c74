import { HengError } from '@heng/schemas';
import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { pluginRoutes } from './plugin-routes.ts';
import type { PluginRequest, PluginResponse, PluginRouteTarget } from './types.ts';

const ID = 'city.hengyang.reports';

function setup(
  answer: (req: PluginRequest) => PluginResponse | Promise<PluginResponse> = () => ({
    status: 200,
    body: 'ok',
  }),
  limits = {},
) {
  const requests: PluginRequest[] = [];
  const target: PluginRouteTarget = {
    routes: [
      { method: 'GET', path: '/reports/:id' },
      { method: 'POST', path: '/reports' },
      { method: 'GET', path: '/' },
    ],
    handle: async (req) => {
      requests.push(req);
      return answer(req);
    },
  };
  const app = pluginRoutes({ resolve: (id) => (id === ID ? target : undefined), limits });
  return { app, requests };
}

const body = async (res: Response) =>
  (await res.json()) as { error: { code: string; message: string } };

describe('pluginRoutes', () => {
  test('passes a granted request to the plugin as plain JSON', async () => {
    const { app, requests } = setup();
    const res = await app.request(`/plugins/${ID}/reports/a%2Fb%20c?x=1&x=2&y=3`, {
      headers: {
        accept: 'text/html',
        cookie: 'sid=secret',
        authorization: 'Bearer t',
        'accept-language': 'zh-CN',
      },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/reports/a%2Fb%20c',
        route: '/reports/:id',
        params: { id: 'a/b c' },
        query: { x: '1', y: '3' },
        headers: { accept: 'text/html', 'accept-language': 'zh-CN' },
        body: '',
      },
    ]);
  });

  test('passes the body as text and serves the plugin root', async () => {
    const { app, requests } = setup();
    await app.request(`/plugins/${ID}/reports`, {
      method: 'POST',
      body: '{"lamp":7}',
      headers: { 'content-type': 'application/json' },
    });
    expect(requests[0]).toMatchObject({
      method: 'POST',
      body: '{"lamp":7}',
      headers: { 'content-type': 'application/json' },
    });
    expect((await app.request(`/plugins/${ID}`)).status).toBe(200);
    expect(requests[1]?.path).toBe('/');
  });

  test('answers 404 for an unknown plugin or an ungranted path, 405 for an ungranted method', async () => {
    const { app, requests } = setup();
    const unknown = await app.request('/plugins/city.hengyang.other/reports/1');
    expect(unknown.status).toBe(404);
    expect((await body(unknown)).error.code).toBe('not_found');
    expect((await app.request(`/plugins/${ID}/admin`)).status).toBe(404);
    expect((await app.request(`/plugins/${ID}/reports/1/extra`)).status).toBe(404);
    expect((await app.request(`/plugins/${ID}/reports/`)).status).toBe(404);
    const wrong = await app.request(`/plugins/${ID}/reports/1`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect((await app.request('/plugins/..%2Fetc/reports/1')).status).toBe(404);
    expect(requests).toEqual([]);
  });

  test('refuses a request body over the limit with 413 and a JSON error', async () => {
    const { app, requests } = setup(undefined, { requestBodyBytes: 16 });
    const res = await app.request(`/plugins/${ID}/reports`, {
      method: 'POST',
      body: 'x'.repeat(17),
    });
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe('payload_too_large');
    const streamed = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('y'.repeat(20)));
        controller.close();
      },
    });
    const res2 = await app.request(`/plugins/${ID}/reports`, {
      method: 'POST',
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(res2.status).toBe(413);
    expect(requests).toEqual([]);
  });

  test('adds the sandbox CSP and nosniff to plugin responses, keeping safe headers', async () => {
    const { app } = setup(() => ({
      status: 201,
      headers: { 'Content-Type': 'text/html', 'cache-control': 'no-store' },
      body: '<p>hi</p>',
    }));
    const res = await app.request(`/plugins/${ID}/reports/1`);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  test.each([
    ['a set-cookie header', { status: 200, headers: { 'set-cookie': 'a=1' }, body: '' }],
    ['a CORS header', { status: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '' }],
    ['a header value that is not a string', { status: 200, headers: { etag: 7 }, body: '' }],
    [
      'a header with a line break',
      { status: 200, headers: { etag: 'a\r\nset-cookie: x' }, body: '' },
    ],
    ['a status out of range', { status: 700, body: '' }],
    ['an informational status', { status: 101, body: '' }],
    ['a non-integer status', { status: 200.5, body: '' }],
    ['a body that is not a string', { status: 200, body: { a: 1 } }],
    ['no object at all', 'ok'],
  ])('answers 502 when the plugin answers %s', async (_, answer) => {
    const { app } = setup(() => answer as never);
    const res = await app.request(`/plugins/${ID}/reports/1`);
    expect(res.status).toBe(502);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await body(res)).error.message).toContain(ID);
  });

  test('answers 502 when the response body is over the limit', async () => {
    const { app } = setup(() => ({ status: 200, body: 'x'.repeat(33) }), { responseBodyBytes: 32 });
    const res = await app.request(`/plugins/${ID}/reports/1`);
    expect(res.status).toBe(502);
    expect((await body(res)).error.code).toBe('result_too_large');
  });

  test('maps HengErrors to their HTTP status, and hides other errors behind a 500', async () => {
    const codes: Array<[HengError | Error, number]> = [
      [new HengError('plugin_unavailable', 'quarantined'), 503],
      [new HengError('deadline_exceeded', 'too slow'), 502],
      [new HengError('permission_denied', 'no'), 403],
      [new Error('secret path /etc/heng'), 500],
    ];
    for (const [error, status] of codes) {
      const { app } = setup(() => {
        throw error;
      });
      const res = await app.request(`/plugins/${ID}/reports/1`);
      expect(res.status).toBe(status);
      expect(await res.text()).not.toContain('/etc/heng');
    }
  });

  test('drops the body of a 204', async () => {
    const { app } = setup(() => ({ status: 204, body: 'ignored' }));
    const res = await app.request(`/plugins/${ID}/reports/1`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  test('keeps a __proto__ query key or parameter as data', async () => {
    const { app, requests } = setup();
    await app.request(`/plugins/${ID}/reports/__proto__?__proto__=x`);
    expect(Object.hasOwn(requests[0]!.params, 'id')).toBe(true);
    expect(Object.hasOwn(requests[0]!.query, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  test('works mounted under another prefix', async () => {
    const { app, requests } = setup();
    const outer = new Hono().route('/api', app);
    const res = await outer.request(`/api/plugins/${ID}/reports/9`);
    expect(res.status).toBe(200);
    expect(requests[0]?.params).toEqual({ id: '9' });
  });
});
