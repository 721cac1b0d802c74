import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { STORE_TARGETS, type StoreTarget } from '../couch/targets.fixture.ts';
import { type AuthWorld, authWorld, type TestStore, withParties } from './auth.fixture.ts';
import type { UserDoc } from './parties.ts';
import { SESSION_TTL_MS } from './token-store.ts';

describe.each(STORE_TARGETS)(
  'tokens, sign-in and the first administrator on $name',
  (target: StoreTarget) => {
    beforeEach((context) => {
      if (target.skip) context.skip(target.skip);
    });

    let store: TestStore;
    let world: AuthWorld;
    beforeAll(async () => {
      if (target.skip) return;
      store = await target.open();
      world = await withParties(await authWorld(store));
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('tokens', () => {
      test('are 32 random bytes in base64url, and only their hash is stored', async () => {
        const { token, record } = await world.auth.tokens.issue({ kind: 'api', principal: 'oper' });
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(record._id).toMatch(/^token\/[0-9a-f]{64}$/);
        const all = await store.couch.db(world.auth.tokens.dbName).list({ include_docs: true });
        expect(JSON.stringify(all)).not.toContain(token);
      });

      test('a session token works for 12 hours and then stops', async () => {
        const session = await world.auth.login('oper', world.passwords['oper']!);
        expect(await world.auth.authenticator.authenticate(session.token)).toMatchObject({
          kind: 'user',
          id: 'oper',
          roles: ['operator'],
          organisation: 'lighting-office',
          clearance: 'restricted',
        });
        await world.clock.advance(SESSION_TTL_MS - 1);
        expect(await world.auth.authenticator.authenticate(session.token)).not.toBeNull();
        await world.clock.advance(1);
        expect(await world.auth.authenticator.authenticate(session.token)).toBeNull();
      });

      test('a revoked token stops at once, even while its answer is cached', async () => {
        const { token } = await world.auth.login('tech', world.passwords['tech']!);
        expect(await world.auth.authenticator.authenticate(token)).not.toBeNull();
        expect(await world.auth.revokeTokens({ kind: 'user', id: 'tech' })).toBe(1);
        expect(await world.auth.authenticator.authenticate(token)).toBeNull();
      });

      test('an edge token never expires, names its site, and is revocable', async () => {
        const { token } = await world.auth.issueEdgeToken('lighting-01', {
          organisation: 'lighting-office',
        });
        await world.clock.advance(400 * 24 * 60 * 60 * 1000);
        expect(await world.auth.authenticator.authenticate(token)).toEqual({
          kind: 'edge',
          id: 'lighting-01',
          roles: ['edge'],
          site: 'lighting-01',
          organisation: 'lighting-office',
          clearance: 'secret',
        });
        await world.auth.revokeTokens({ kind: 'edge', id: 'lighting-01' });
        expect(await world.auth.authenticator.authenticate(token)).toBeNull();
      });

      test('garbage and unknown tokens are refused', async () => {
        expect(await world.auth.authenticator.authenticate('nope')).toBeNull();
        expect(await world.auth.authenticator.authenticate('A'.repeat(43))).toBeNull();
      });

      test('a change made by another hub process shows within 5 seconds', async () => {
        const { token } = await world.auth.login('vendor', world.passwords['vendor']!);
        expect(await world.auth.authenticator.authenticate(token)).not.toBeNull();
        // Another process disables the user straight in the store: this one's cache still answers.
        const doc = await world.auth.parties.userDoc('vendor');
        await store.couch
          .db<UserDoc>(world.auth.parties.dbName)
          .insert({ ...doc!, disabled: true });
        expect(await world.auth.authenticator.authenticate(token)).not.toBeNull();
        await world.clock.advance(5_000);
        expect(await world.auth.authenticator.authenticate(token)).toBeNull();
      });
    });

    describe('login', () => {
      test('gives the same error for a wrong user and a wrong password, and audits both', async () => {
        const wrongUser = await world.auth.login('nobody', 'whatever').catch((e: unknown) => e);
        const wrongPassword = await world.auth.login('admin', 'whatever').catch((e: unknown) => e);
        expect(wrongUser).toMatchObject({
          code: 'unauthenticated',
          message: 'wrong user or password',
        });
        expect(wrongPassword).toMatchObject({
          code: 'unauthenticated',
          message: 'wrong user or password',
        });
        const refused = await world.audit.list({ action: 'auth.login', outcome: 'refused' });
        expect(refused.entries.map((e) => e.target).slice(0, 2)).toEqual([
          'user/admin',
          'user/nobody',
        ]);
        expect(JSON.stringify(refused)).not.toContain('whatever');
      });

      test('logout revokes the session', async () => {
        const { token, principal } = await world.auth.login('viewer', world.passwords['viewer']!);
        expect(principal.clearance).toBe('public');
        await world.auth.logout(token, principal);
        expect(await world.auth.authenticator.authenticate(token)).toBeNull();
      });

      test('the audit chain holds after all of this', async () => {
        expect(await world.audit.verify()).toMatchObject({ ok: true });
      });
    });

    describe('the first administrator', () => {
      test('is created once, with a random password that signs in', async () => {
        const fresh = await authWorld(store);
        const first = await fresh.auth.bootstrapAdmin();
        expect(first).toEqual({
          user: 'admin',
          password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
        });
        expect(await fresh.auth.bootstrapAdmin()).toBeNull();
        const session = await fresh.auth.login('admin', first!.password);
        expect(session.principal).toMatchObject({ roles: ['administrator'], clearance: 'secret' });
        const audit = await fresh.audit.list();
        expect(JSON.stringify(audit)).not.toContain(first!.password);
      });
    });
  },
);
