/**
 * @module /api/users: list and create (parties:read / parties:write), change roles, clearance
 * and the disabled flag, and change a password (oneself, with the current one; or an
 * administrator for anyone).
 */
import { HengError } from '@heng/schemas';
import { Hono } from 'hono';
import { checkBody, readJson } from '../../api/http.ts';
import type { JsonBodyLimits } from '../../api/json-body.ts';
import type { HubAuth } from '../hub-auth.ts';
import { generatePassword, verifyPassword } from '../password.ts';
import { can } from '../roles.ts';
import { hashToken } from '../token-store.ts';
import { audited } from './audited.ts';
import { type AuthEnv, authMiddleware, requireAbility } from './middleware.ts';

/** Refuses a change that would leave no enabled administrator to undo it. */
async function keepAnAdministrator(
  auth: HubAuth,
  id: string,
  roles?: string[],
  disabled?: boolean,
) {
  const losesAdmin = (roles !== undefined && !roles.includes('administrator')) || disabled === true;
  if (!losesAdmin) return;
  const others = (await auth.parties.listUsers()).filter(
    (u) => u.id !== id && !u.disabled && u.roles.includes('administrator'),
  );
  if (others.length === 0)
    throw new HengError(
      'conflict',
      `user ${id} is the last enabled administrator: add another first`,
    );
}

export function userRoutes(auth: HubAuth, limits: JsonBodyLimits): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const signedIn = authMiddleware(auth.authenticator, { audit: auth.audit, tally: auth.tally });
  app.use('/api/users', signedIn);
  app.use('/api/users/*', signedIn);

  app.get('/api/users', requireAbility('parties:read'), async (c) =>
    c.json({ users: await auth.parties.listUsers() }),
  );

  app.post('/api/users', requireAbility('parties:write'), async (c) => {
    const created = await audited(
      auth.audit,
      c.var.principal,
      { action: 'user.create', target: 'users' },
      async (what) => {
        const { password, ...body } = checkBody(
          'user',
          await readJson(c, limits),
          'body of POST /api/users',
        );
        what.target = `user/${body.id}`;
        what.detail = {
          roles: body.roles,
          clearance: body.clearance,
          organisation: body.organisation,
        };
        const initial = password ?? generatePassword();
        const user = await auth.parties.createUser(body, initial);
        // A generated password is shown once, here; one the administrator chose is not echoed.
        return password === undefined ? { user, password: initial } : { user };
      },
    );
    return c.json(created, 201);
  });

  app.patch('/api/users/:id', requireAbility('parties:write'), async (c) => {
    const id = c.req.param('id');
    const user = await audited(
      auth.audit,
      c.var.principal,
      { action: 'user.update', target: `user/${id}` },
      async (what) => {
        const patch = checkBody(
          'user-update',
          await readJson(c, limits),
          `body of PATCH /api/users/${id}`,
        );
        what.detail = { ...patch };
        await keepAnAdministrator(auth, id, patch.roles, patch.disabled);
        const updated = await auth.parties.updateUser(id, patch);
        auth.authenticator.forgetPrincipal('user', id);
        if (patch.disabled) await auth.revokeTokens({ kind: 'user', id }, { by: c.var.principal });
        return updated;
      },
    );
    return c.json(user);
  });

  app.put('/api/users/:id/password', async (c) => {
    const id = c.req.param('id');
    const principal = c.var.principal;
    const self = principal.kind === 'user' && principal.id === id;
    if (!self && !can(principal, 'parties:write'))
      return requireAbility('parties:write')(c, async () => {});
    await audited(
      auth.audit,
      principal,
      { action: 'user.password', target: `user/${id}` },
      async () => {
        const body = checkBody(
          'password-change',
          await readJson(c, limits),
          `body of PUT /api/users/${id}/password`,
        );
        if (self) {
          const doc = await auth.parties.userDoc(id);
          if (
            body.currentPassword === undefined ||
            !doc ||
            !(await verifyPassword(body.currentPassword, doc.password))
          )
            throw new HengError(
              'permission_denied',
              `changing your own password needs your current password in currentPassword`,
            );
        }
        await auth.parties.setPassword(id, body.password);
        // Other sessions end with the old password; the one making the change stays signed in.
        await auth.revokeTokens(
          { kind: 'user', id },
          { by: principal, ...(self ? { except: hashToken(c.var.token) } : {}) },
        );
      },
    );
    return c.body(null, 204);
  });

  return app;
}
