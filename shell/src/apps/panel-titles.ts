/**
 * @module The titles of installed apps' panels, from the catalog summary of each installed
 * version (`panels: [{id, title}]`), so a panel's button reads "Lamp dimming" rather than
 * "status". The grant names panels by id only; without the catalog (no `catalog:read`, an entry
 * published by an older hub, the hub unreachable) the id stands in.
 */
import type { ApiClient } from '../api/index.ts';
import type { CatalogEntry } from '../wizard/index.ts';
import type { SiteApp } from './app-actions.ts';

const versionKey = (plugin: { id: string; version: string }) => `${plugin.id}@${plugin.version}`;

/** What one view knows of its apps' panel titles; it asks the catalog again only for new versions. */
export class PanelTitles {
  readonly #titles = new Map<string, Map<string, string>>();
  readonly #asked = new Set<string>();

  /**
   * Fetches the catalog once for versions not asked about yet (an install, an upgrade, a
   * rollback); resolves to whether anything new was learnt. Never throws: the ids stand in.
   */
  async learn(api: ApiClient, apps: readonly SiteApp[]): Promise<boolean> {
    const missing = apps
      .map((a) => versionKey(a.install.plugin))
      .filter((k) => !this.#asked.has(k));
    if (missing.length === 0) return false;
    for (const key of missing) this.#asked.add(key);
    let packages: CatalogEntry[];
    try {
      ({ packages } = await api.get<{ packages: CatalogEntry[] }>('/api/catalog/packages'));
    } catch {
      return false;
    }
    let learnt = false;
    for (const p of packages) {
      if (!p.panels?.length) continue;
      const key = versionKey(p.plugin);
      this.#asked.add(key);
      if (this.#titles.has(key)) continue;
      this.#titles.set(key, new Map(p.panels.map((panel) => [panel.id, panel.title])));
      learnt = true;
    }
    return learnt;
  }

  /** The title of `panel` of the version `app` has installed, else the panel's id. */
  titleOf(app: SiteApp, panel: string): string {
    return this.#titles.get(versionKey(app.install.plugin))?.get(panel) || panel;
  }
}
