/**
 * @module The catalog's routes as OpenAPI operations, for the hub's `/api/openapi.json` (paths
 * relative to `/api`, as `catalogRoutes` serves them there).
 */
import type { Operation } from '../api/openapi.ts';

const APP = '/sites/:site/apps/:plugin';

/** Every route `catalogRoutes` serves, described. */
export const CATALOG_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/catalog/keys',
    summary: 'List the vendor keys the hub trusts',
    ability: 'catalog:read',
    ok: [200, '{ keys }'],
  },
  {
    method: 'post',
    path: '/catalog/keys',
    summary: 'Trust a vendor key (its id is computed from the key)',
    ability: 'catalog:revoke',
    body: 'trusted-key-request',
    ok: [201, '{ key }'],
  },
  {
    method: 'delete',
    path: '/catalog/keys/:keyId',
    summary: 'Stop trusting a vendor key',
    ability: 'catalog:revoke',
    ok: [204, 'no content'],
  },
  {
    method: 'post',
    path: '/catalog/packages',
    summary: 'Publish a signed .hpkg (verified against the trusted keys)',
    ability: 'catalog:publish',
    binary: 'application/octet-stream',
    ok: [201, '{ package }: the catalog entry (200 when the same bytes were published before)'],
  },
  {
    method: 'get',
    path: '/catalog/packages',
    summary: 'List the catalog, with revocations',
    ability: 'catalog:read',
    ok: [200, '{ packages }'],
  },
  {
    method: 'get',
    path: '/catalog/packages/:id/:version',
    summary: 'One catalog entry',
    ability: 'catalog:read',
    ok: [200, '{ package }'],
  },
  {
    method: 'get',
    path: '/catalog/packages/:id/:version/config-validator.js',
    summary:
      "The package's settings validator as a self-contained ES module (ajv standalone code; default export validate(value) → boolean, errors in validate.errors), for the shell, which may not compile schemas",
    ability: 'catalog:read',
    ok: [200, 'text/javascript: the module'],
  },
  {
    method: 'post',
    path: '/catalog/packages/:id/:version/revoke',
    summary: 'Revoke a package at the hub and every site',
    ability: 'catalog:revoke',
    body: 'package-revocation-request',
    ok: [200, '{ revocation, sites, failed }'],
  },
  {
    method: 'post',
    path: '/installs',
    summary:
      'Install a package at one or more sites, or at `hub` for a plugin that runs at the hub, with consent and settings (all or nothing)',
    ability: 'installs:write',
    body: 'app-install-request',
    ok: [201, '{ installs }'],
  },
  {
    method: 'get',
    path: '/sites/:site/apps',
    summary: "A site's installed plugins with the edge's status (`hub`: the hub's own plugins)",
    ability: 'installs:read',
    ok: [200, '{ apps: [{ install, status }] }'],
  },
  {
    method: 'get',
    path: APP,
    summary: 'One installed plugin with the edge status',
    ability: 'installs:read',
    ok: [200, '{ install, status }'],
  },
  {
    method: 'get',
    path: `${APP}/panels/:panel`,
    summary:
      "A plugin's UI panel page (text/html from the installed package, under a sandboxing Content-Security-Policy), for the shell's sandboxed frame; only panels a consented ui:panel permission names",
    ability: 'installs:read',
    ok: [200, 'text/html: the panel page'],
  },
  {
    method: 'patch',
    path: APP,
    summary: 'Upgrade to another version (consent again when it asks for more)',
    ability: 'installs:write',
    body: 'app-upgrade-request',
    ok: [200, '{ install }'],
  },
  {
    method: 'delete',
    path: APP,
    summary: 'Uninstall',
    ability: 'installs:write',
    ok: [200, '{ install }'],
  },
  {
    method: 'post',
    path: `${APP}/upgrade`,
    summary: 'Upgrade to another version (consent again when it asks for more)',
    ability: 'installs:write',
    body: 'app-upgrade-request',
    ok: [200, '{ install }'],
  },
  {
    method: 'post',
    path: `${APP}/rollback`,
    summary: 'Roll back to the previous version',
    ability: 'installs:write',
    ok: [200, '{ install }'],
  },
  {
    method: 'post',
    path: `${APP}/disable`,
    summary: 'Stop the plugin at the site',
    ability: 'installs:write',
    ok: [200, '{ install }'],
  },
  {
    method: 'post',
    path: `${APP}/enable`,
    summary: 'Start a stopped plugin again',
    ability: 'installs:write',
    ok: [200, '{ install }'],
  },
  {
    method: 'post',
    path: `${APP}/uninstall`,
    summary: 'Uninstall',
    ability: 'installs:write',
    ok: [200, '{ install }'],
  },
  {
    method: 'put',
    path: `${APP}/auto-rollback`,
    summary: 'Turn automatic rollback on or off',
    ability: 'installs:write',
    body: 'auto-rollback-request',
    ok: [200, '{ install }'],
  },
];
