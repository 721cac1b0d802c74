/**
 * @module The catalog's HTTP API (mounted under `/api`, auth in front): trusted keys, publish,
 * list and revoke packages, install at sites, and each installed plugin's lifecycle. Every write
 * and every refusal of a write is audited; the ability checks come from the auth middleware.
 */
import { HengError, outcomeOf, toHengError } from '@heng/schemas';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { HubEnv } from '../api/env.ts';
import { checkBody, errorResponse, readBodyBytes, readJson } from '../api/http.ts';
import type { PlaceAccess } from '../api/site-access.ts';
import type { Ability } from '../auth/types.ts';
import { ConfigValidators } from './config-validator.ts';
import { type Actor, actorOf, CatalogContext, type CatalogDeps } from './context.ts';
import { PANEL_HEADERS, panelPage } from './panels.ts';
import { Catalog } from './service.ts';

/** What {@link catalogRoutes} needs: the store, the audit log, and the auth middleware. */
export interface CatalogRoutesDeps extends CatalogDeps {
  /** The auth middleware for one ability (hub/src/auth); it audits its own refusals. */
  requireAbility: (ability: Ability) => MiddlewareHandler<HubEnv>;
  /** The catalog to serve; one is made from the other deps when not given. */
  catalog?: Catalog;
  /**
   * The hub's place check, for the sites an install request names in its body (routes with a
   * `:site` in their path are guarded by the app before they get here).
   */
  places?: PlaceAccess;
}

type Handler = (c: Context<HubEnv>, actor: Actor) => Promise<Response>;

/**
 * Routes under `/api`: `/catalog/keys`, `/catalog/packages`, `/installs` and
 * `/sites/:site/apps`.
 */
export function catalogRoutes(deps: CatalogRoutesDeps): Hono<HubEnv> {
  const catalog = deps.catalog ?? new Catalog(deps);
  const app = new Hono<HubEnv>();
  const can = deps.requireAbility;

  // A write: a refusal or failure is audited with the code and message (which hold no secret).
  const write =
    (action: string, target: (c: Context<HubEnv>) => string, handler: Handler) =>
    async (c: Context<HubEnv>): Promise<Response> => {
      const actor = actorOf(c.get('principal'));
      try {
        return await handler(c, actor);
      } catch (err) {
        const error = toHengError(err);
        await deps.audit.append({
          actor: actor.audit,
          action,
          target: target(c),
          outcome: outcomeOf(error.code),
          detail: { code: error.code, message: error.message },
        });
        return errorResponse(c, error);
      }
    };
  const read =
    (handler: Handler) =>
    async (c: Context<HubEnv>): Promise<Response> => {
      try {
        return await handler(c, actorOf(c.get('principal')));
      } catch (err) {
        return errorResponse(c, err);
      }
    };
  const site = (c: Context<HubEnv>) => c.req.param('site') ?? '';
  const plugin = (c: Context<HubEnv>) => c.req.param('plugin') ?? '';
  const installAt = (c: Context<HubEnv>) => `install/${site(c)}/${plugin(c)}`;
  const pkgAt = (c: Context<HubEnv>) =>
    `catalog/package/${c.req.param('id')}@${c.req.param('version')}`;

  app.get(
    '/catalog/keys',
    can('catalog:read'),
    read(async (c) => c.json({ keys: await catalog.listTrustedKeys() })),
  );
  app.post(
    '/catalog/keys',
    can('catalog:revoke'),
    write(
      'catalog.trust',
      () => 'catalog/key',
      async (c, actor) => {
        const body = checkBody('trusted-key-request', await readJson(c), 'trusted key');
        return c.json({ key: await catalog.addTrustedKey(actor, body) }, 201);
      },
    ),
  );
  app.delete(
    '/catalog/keys/:keyId',
    can('catalog:revoke'),
    write(
      'catalog.distrust',
      (c) => `catalog/key/${c.req.param('keyId')}`,
      async (c, actor) => {
        await catalog.removeTrustedKey(actor, c.req.param('keyId') ?? '');
        return c.body(null, 204);
      },
    ),
  );

  const maxSize = deps.maxPackageBytes ?? 20 * 1024 * 1024;
  app.post(
    '/catalog/packages',
    can('catalog:publish'),
    write(
      'catalog.publish',
      () => 'catalog/package',
      async (c, actor) => {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/octet-stream\s*(;|$)/i.test(type))
          throw new HengError(
            'invalid_input',
            `body: a package is sent as application/octet-stream, got "${type || 'none'}"`,
          );
        // Read while it streams in, up to this route's own limit (checked before anything is kept).
        const bytes = await readBodyBytes(c, maxSize, 'package');
        const { entry, created } = await catalog.publish(actor, bytes);
        return c.json({ package: entry }, created ? 201 : 200);
      },
    ),
  );
  app.get(
    '/catalog/packages',
    can('catalog:read'),
    read(async (c) => c.json({ packages: await catalog.listPackages() })),
  );
  app.get(
    '/catalog/packages/:id/:version',
    can('catalog:read'),
    read(async (c) =>
      c.json({
        package: await catalog.getPackage(c.req.param('id') ?? '', c.req.param('version') ?? ''),
      }),
    ),
  );
  // The settings validator as an ES module, for a shell whose CSP forbids ajv's compiler.
  const validators = new ConfigValidators();
  app.get(
    '/catalog/packages/:id/:version/config-validator.js',
    can('catalog:read'),
    read(async (c) => {
      const pkg = await catalog.getPackage(c.req.param('id') ?? '', c.req.param('version') ?? '');
      const source = await validators.moduleFor(pkg);
      return c.body(source, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        // One digest is one manifest: the module for id@version never changes.
        'cache-control': 'private, max-age=86400',
        etag: `"${pkg.plugin.digest}"`,
        'x-content-type-options': 'nosniff',
      });
    }),
  );
  app.post(
    '/catalog/packages/:id/:version/revoke',
    can('catalog:revoke'),
    write('catalog.revoke', pkgAt, async (c, actor) => {
      const body = checkBody('package-revocation-request', await readJson(c), 'revocation');
      const result = await catalog.revoke(
        actor,
        c.req.param('id') ?? '',
        c.req.param('version') ?? '',
        body.reason,
      );
      return c.json(result);
    }),
  );

  app.post(
    '/installs',
    can('installs:write'),
    write(
      'install.create',
      () => 'install',
      async (c, actor) => {
        const body = checkBody('app-install-request', await readJson(c), 'install request');
        for (const place of body.sites)
          await deps.places?.check(c.get('principal'), 'installs:write', place, { hub: true });
        return c.json({ installs: await catalog.install(actor, body) }, 201);
      },
    ),
  );
  app.get(
    '/sites/:site/apps',
    can('installs:read'),
    read(async (c) => c.json({ apps: await catalog.siteApps(site(c)) })),
  );
  app.get(
    '/sites/:site/apps/:plugin',
    can('installs:read'),
    read(async (c) => {
      const found = (await catalog.siteApps(site(c))).find(
        (a) => a.install.plugin.id === plugin(c),
      );
      if (!found)
        throw new HengError('not_found', `${plugin(c)} was never installed at ${site(c)}`);
      return c.json(found);
    }),
  );
  // A plugin's panel page, only ever shown in the shell's sandboxed frame (see panels.ts).
  const panels = new CatalogContext(deps);
  app.get(
    '/sites/:site/apps/:plugin/panels/:panel',
    can('installs:read'),
    read(async (c) => {
      const page = await panelPage(panels, site(c), plugin(c), c.req.param('panel') ?? '');
      return c.body(page as Uint8Array<ArrayBuffer>, 200, { ...PANEL_HEADERS });
    }),
  );
  const upgrade = write('install.upgrade', installAt, async (c, actor) => {
    const body = checkBody('app-upgrade-request', await readJson(c), 'upgrade request');
    return c.json({ install: await catalog.upgrade(actor, site(c), plugin(c), body) });
  });
  app.post('/sites/:site/apps/:plugin/upgrade', can('installs:write'), upgrade);
  app.patch('/sites/:site/apps/:plugin', can('installs:write'), upgrade);
  const lifecycle = (
    path: string,
    action: string,
    run: (actor: Actor, s: string, p: string) => Promise<unknown>,
  ) =>
    app.post(
      `/sites/:site/apps/:plugin/${path}`,
      can('installs:write'),
      write(action, installAt, async (c, actor) =>
        c.json({ install: await run(actor, site(c), plugin(c)) }),
      ),
    );
  lifecycle('rollback', 'install.rollback', (a, s, p) => catalog.rollback(a, s, p));
  lifecycle('disable', 'install.disable', (a, s, p) => catalog.disable(a, s, p));
  lifecycle('enable', 'install.enable', (a, s, p) => catalog.enable(a, s, p));
  lifecycle('uninstall', 'install.uninstall', (a, s, p) => catalog.uninstall(a, s, p));
  app.delete(
    '/sites/:site/apps/:plugin',
    can('installs:write'),
    write('install.uninstall', installAt, async (c, actor) =>
      c.json({ install: await catalog.uninstall(actor, site(c), plugin(c)) }),
    ),
  );
  app.put(
    '/sites/:site/apps/:plugin/auto-rollback',
    can('installs:write'),
    write('install.set-auto-rollback', installAt, async (c, actor) => {
      const body = checkBody('auto-rollback-request', await readJson(c), 'auto-rollback setting');
      return c.json({
        install: await catalog.setAutoRollback(actor, site(c), plugin(c), body.autoRollback),
      });
    }),
  );
  return app;
}
