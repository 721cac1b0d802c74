/** @module The API client: same-origin cookies, hub errors in the user's language, 401 handling. */
import { fakeFetch } from '../../test/fakes.ts';
import { afterEach, describe, equal, includes, it, ok } from '../../test/harness.ts';
import { setLocale } from '../i18n/index.ts';
import { ApiClient, ApiError } from './index.ts';

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('ApiClient', () => {
  afterEach(() => setLocale('en'));

  it('sends JSON with the session cookie and builds the query', async () => {
    let seen: RequestInit | undefined;
    let url = '';
    const api = new ApiClient(async (input, init) => {
      url = input;
      seen = init;
      return Response.json({ ok: true });
    });
    await api.post('/api/x', { a: 1 });
    equal(seen?.credentials, 'same-origin', 'credentials');
    equal(seen?.body, '{"a":1}', 'body');
    await api.get('/api/audit', { actor: 'user:admin', outcome: '', limit: 5, before: undefined });
    equal(url, '/api/audit?actor=user%3Aadmin&limit=5', 'url');
  });

  it("turns the hub's error into an ApiError with a message in the user's language", async () => {
    const { fetch } = fakeFetch({
      'POST /api/sites': () => ({
        status: 400,
        body: {
          error: { code: 'invalid_input', message: 'invalid site: /id', issues: [{ path: '/id' }] },
        },
      }),
    });
    const api = new ApiClient(fetch);
    const err = await failure(api.post('/api/sites', {}));
    equal(err.code, 'invalid_input');
    equal(err.status, 400);
    equal(err.issues[0]?.path, '/id');
    includes(err.friendly, 'Correct the fields');
    includes(err.friendly, 'invalid site: /id');
    setLocale('zh-CN');
    includes(err.friendly, '请更正');
  });

  it('says the hub is unreachable when fetch fails', async () => {
    const api = new ApiClient(async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await failure(api.get('/api/sites'));
    equal(err.code, 'unreachable');
    equal(err.status, 0);
    includes(err.friendly, 'cannot be reached');
  });

  it('tells listeners when the session is gone, but not for a failed sign-in', async () => {
    const answer = () => ({
      status: 401,
      body: { error: { code: 'unauthenticated', message: 'no' } },
    });
    const { fetch } = fakeFetch({ 'GET /api/sites': answer, 'POST /api/auth/login': answer });
    const api = new ApiClient(fetch);
    let told = 0;
    api.onSignedOut(() => told++);
    await failure(api.post('/api/auth/login', {}));
    equal(told, 0, 'after sign-in');
    await failure(api.get('/api/sites'));
    equal(told, 1, 'after a call');
  });

  it('keeps unknown codes with the hub message', async () => {
    const { fetch } = fakeFetch({
      'GET /api/x': () => ({
        status: 409,
        body: {
          error: { code: 'consent_required', message: 'asks for more', difference: { added: [] } },
        },
      }),
    });
    const err = await failure(new ApiClient(fetch).get('/api/x'));
    equal(err.friendly, 'asks for more');
    ok(err.body['difference'], 'difference kept');
  });
});
