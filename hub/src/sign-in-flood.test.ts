/**
 * Floods at a real hub: wrong passwords in a row, concurrent wrong sign-ins from one address and
 * from many (clients on other loopback addresses, 127.0.0.x), and anonymous requests. Asserted
 * by outcomes and order, not by wall time.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SIGN_IN_LIMITS } from './auth/index.ts';
import { startTestHub, type TestHub } from './hub.fixture.ts';

let t: TestHub;
const PASSWORD = 'the operator knows this one';

beforeAll(async () => {
  t = await startTestHub();
  for (const id of ['oper', 'target', 'target2', 'target3']) {
    const res = await t.call('/api/users', {
      json: {
        id,
        name: id,
        organisation: 'management-centre',
        roles: ['operator'],
        clearance: 'internal',
        password: PASSWORD,
      },
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => t?.close());

interface Reply {
  status: number;
  retryAfter: string | undefined;
}

/** A sign-in sent from the loopback address `from`, as another machine's client would. */
function signIn(from: string, user: string, password: string): Promise<Reply> {
  const url = new URL(`${t.hub.url}/api/auth/login`);
  const body = JSON.stringify({ user, password });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const count = (replies: Reply[], status: number) =>
  replies.filter((r) => r.status === status).length;

async function loginEntries(target: string) {
  return (
    await t.hub.parts.audit.list({ action: 'auth.login', target: `user/${target}`, limit: 500 })
  ).entries;
}

describe('sign-in throttling', () => {
  test('50 wrong passwords in a row: refused after the limit, with Retry-After, even the right one', async () => {
    const limit = SIGN_IN_LIMITS.accountAtAddress.failures;
    const replies: Reply[] = [];
    for (let i = 0; i < 50; i++) replies.push(await signIn('127.0.0.2', 'target', `guess ${i}`));
    expect(replies.slice(0, limit).map((r) => r.status)).toEqual(Array(limit).fill(401));
    expect(replies.slice(limit).every((r) => r.status === 429 && Number(r.retryAfter) > 0)).toBe(
      true,
    );
    // That address is locked out of that account; the account's owner elsewhere is not.
    expect((await signIn('127.0.0.2', 'target', PASSWORD)).status).toBe(429);
    expect((await signIn('127.0.0.3', 'target', PASSWORD)).status).toBe(200);
  });

  test("150 concurrent wrong sign-ins from one address do not hold up another user's", async () => {
    const flood = Array.from({ length: 150 }, (_, i) => signIn('127.0.0.4', 'target2', `x${i}`));
    const real = await signIn('127.0.0.5', 'oper', PASSWORD);
    const replies = await Promise.all(flood);
    expect(real.status).toBe(200);
    // Counted before the checks: only the limit's worth of passwords was checked at all.
    expect(count(replies, 401)).toBeLessThanOrEqual(SIGN_IN_LIMITS.accountAtAddress.failures);
    expect(count(replies, 401) + count(replies, 429)).toBe(150);
    // The audit log holds the flood as a first entry and counts, not 150 entries.
    await t.hub.parts.auth.tally.flush();
    const entries = await loginEntries('target2');
    expect(entries.length).toBeLessThanOrEqual(4);
    const counted = entries.reduce((n, e) => n + (Number(e.detail?.['count']) || 1), 0);
    expect(counted).toBe(150);
  });

  test('a flood from many addresses waits behind itself: the real sign-in is let in at the next turn', async () => {
    const order: string[] = [];
    const flood = Array.from({ length: 150 }, (_, i) =>
      signIn(`127.0.1.${10 + (i % 30)}`, 'target3', `y${i}`).then((r) => {
        if (r.status === 401) order.push('attacker-checked');
        return r;
      }),
    );
    // Sent once the flood's checks hold every slot and fill the account's line of waiting ones.
    await expect
      .poll(() => t.hub.parts.auth.signInLoad.waiting, { timeout: 10_000 })
      .toBeGreaterThan(0);
    const real = signIn('127.0.0.6', 'oper', PASSWORD).then((r) => {
      order.push('real');
      return r;
    });
    const replies = await Promise.all(flood);
    expect((await real).status).toBe(200);
    const checked = count(replies, 401);
    const before = order.indexOf('real');
    // Every slot may be finishing an attacker's check when the real one arrives; no more.
    expect(before).toBeLessThanOrEqual(2 * SIGN_IN_LIMITS.checks.concurrency);
    expect(checked).toBeGreaterThan(before + SIGN_IN_LIMITS.checks.concurrency);
    expect(checked + count(replies, 429)).toBe(150);
  });
});

describe('anonymous refusals', () => {
  test('300 anonymous requests leave two audit entries per route: the first, then a count', async () => {
    const before = (await t.hub.parts.audit.list({ action: 'auth.authenticate', limit: 500 }))
      .entries.length;
    const replies = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        fetch(`${t.hub.url}${i % 2 ? '/api/sites' : `/api/sites/made-up-${i}`}`),
      ),
    );
    expect(replies.every((r) => r.status === 401)).toBe(true);
    await t.hub.parts.auth.tally.flush();
    const entries = (await t.hub.parts.audit.list({ action: 'auth.authenticate', limit: 500 }))
      .entries;
    const added = entries.slice(0, entries.length - before);
    // Two per route and window (a window may end during the burst: then two more).
    for (const route of ['GET /api/sites', 'GET /api/sites/:site']) {
      const ofRoute = added.filter((e) => e.target === route);
      expect([route, ofRoute.length]).toEqual([
        route,
        expect.toSatisfy((n: number) => n >= 2 && n <= 4),
      ]);
      expect(ofRoute.reduce((n, e) => n + (Number(e.detail?.['count']) || 1), 0)).toBe(150);
    }
    expect(added).toHaveLength(added.filter((e) => e.target.startsWith('GET /api/sites')).length);
    expect(await t.hub.parts.audit.verify()).toMatchObject({ ok: true });
  });
});
