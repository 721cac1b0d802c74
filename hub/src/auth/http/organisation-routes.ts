/** @module /api/organisations: list (parties:read) and register (parties:write). */
import { Hono } from 'hono';
import { checkBody, readJson } from '../../api/http.ts';
import type { JsonBodyLimits } from '../../api/json-body.ts';
import type { HubAuth } from '../hub-auth.ts';
import { audited } from './audited.ts';
import { type AuthEnv, authMiddleware, requireAbility } from './middleware.ts';

export function organisationRoutes(auth: HubAuth, limits: JsonBodyLimits): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use(
    '/api/organisations',
    authMiddleware(auth.authenticator, { audit: auth.audit, tally: auth.tally }),
  );

  app.get('/api/organisations', requireAbility('parties:read'), async (c) =>
    c.json({ organisations: await auth.parties.listOrganisations() }),
  );

  app.post('/api/organisations', requireAbility('parties:write'), async (c) => {
    const org = await audited(
      auth.audit,
      c.var.principal,
      { action: 'organisation.create', target: 'organisations' },
      async (what) => {
        const body = checkBody(
          'organisation',
          await readJson(c, limits),
          'body of POST /api/organisations',
        );
        what.target = `org/${body.id}`;
        return auth.parties.createOrganisation(body);
      },
    );
    return c.json(org, 201);
  });

  return app;
}
