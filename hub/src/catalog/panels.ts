/**
 * @module A plugin's UI panel page, read from the package installed at a site, for the shell to
 * show in a sandboxed frame; with the headers that keep the page in that sandbox even when it is
 * opened on its own.
 */
import { readPackage } from '@heng/core';
import { NotFoundError } from '@heng/schemas';
import type { CatalogContext } from './context.ts';
import { type AppInstallDoc, installDocId, PACKAGE_ATTACHMENT, packageDocId } from './documents.ts';

/**
 * The headers a panel page is served with. `sandbox allow-scripts` gives the page an opaque
 * origin even when it is opened directly (no cookie, no same-origin API calls); `default-src
 * 'none'` stops it fetching or framing anything, so the shell's message bridge is its only way out.
 */
export const PANEL_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-cache',
  'referrer-policy': 'no-referrer',
};

/**
 * The HTML of panel `panelId` of `pluginId` as installed at `site`: the version the install record
 * wants, from the package copied to the site. Not found unless the plugin is installed there (not
 * uninstalled), its manifest declares the panel, and the consented grant has a `ui:panel`
 * permission naming it: a panel the administrator did not allow is never served.
 */
export async function panelPage(
  ctx: CatalogContext,
  site: string,
  pluginId: string,
  panelId: string,
): Promise<Uint8Array> {
  await ctx.requireSites([site]);
  const control = ctx.control(site);
  const install = await control.get<AppInstallDoc>(installDocId(pluginId));
  if (!install || install.state === 'uninstalled')
    throw new NotFoundError(`${pluginId} is not installed at ${site}`);
  const granted = install.permissions.some(
    (p) => p.capability === 'ui:panel' && p.panels.includes(panelId),
  );
  if (!granted)
    throw new NotFoundError(
      `panel "${panelId}" of ${pluginId} at ${site}: no consented ui:panel permission names it`,
    );
  const { id, version } = install.plugin;
  const bytes = await control.attachment(packageDocId(id, version), PACKAGE_ATTACHMENT);
  const { manifest, files } = readPackage(bytes);
  const panel = manifest.ui?.panels.find((p) => p.id === panelId);
  const page = panel && files.get(panel.entry);
  if (!panel || !page)
    throw new NotFoundError(`${id}@${version} declares no panel "${panelId}" (ui.panels)`);
  return page;
}
