/**
 * @module `<heng-catalog>`: the packages in the hub's catalog, with who signed each and its digest,
 * and an Install button that opens the install wizard for it.
 */
import type { AppInstall } from '@heng/schemas';
import { html, LitElement, nothing } from 'lit';
import { ApiError, isHubPlace } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import { may, type ShellContext } from '../session/index.ts';
import { sharedStyles } from '../theme/index.ts';
import {
  type CatalogEntry,
  type InstallDone,
  placeNames,
  placesOf,
  type WizardSite,
} from '../wizard/index.ts';
import './messages.ts';

/** A catalog entry as `GET /api/catalog/packages` lists it. */
export type CatalogPackage = CatalogEntry & { runsOn: string[] };

/** `<heng-catalog>`: the catalog view at `#/catalog`. */
export class HengCatalog extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    packages: { state: true },
    sites: { state: true },
    chosen: { state: true },
    done: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles];

  declare ctx: ShellContext;
  declare packages: CatalogPackage[] | null;
  declare sites: WizardSite[];
  declare chosen: CatalogPackage | null;
  declare done: { pkg: CatalogPackage; installs: AppInstall[] } | null;
  declare error: string;

  constructor() {
    super();
    new LocaleController(this);
    Object.assign(this, { packages: null, sites: [], chosen: null, done: null, error: '' });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Loads the catalog, and the sites to install at when the user may install. */
  async load(): Promise<void> {
    try {
      const { packages } = await this.ctx.api.get<{ packages: CatalogPackage[] }>(
        '/api/catalog/packages',
      );
      this.packages = [...packages].sort(
        (a, b) => a.name.localeCompare(b.name) || b.plugin.version.localeCompare(a.plugin.version),
      );
      if (may(this.ctx.me, 'installs:write') && may(this.ctx.me, 'sites:read'))
        this.sites = (await this.ctx.api.get<{ sites: WizardSite[] }>('/api/sites')).sites;
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  override render() {
    return html`<h1>${t('catalog.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.done ? this.#done(this.done) : nothing}
      ${this.chosen ? this.#wizard(this.chosen) : this.#table()}`;
  }

  #table() {
    if (!this.packages)
      return this.error ? nothing : html`<p role="status">${t('catalog.loading')}</p>`;
    if (this.packages.length === 0) return html`<p class="note">${t('catalog.empty')}</p>`;
    const canInstall = may(this.ctx.me, 'installs:write');
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th scope="col">${t('catalog.name')}</th>
        <th scope="col">${t('catalog.version')}</th>
        <th scope="col">${t('catalog.signer')}</th>
        <th scope="col">${t('catalog.digest')}</th>
        <th scope="col">${t('catalog.runsOn')}</th>
        ${canInstall ? html`<th scope="col">${t('catalog.actions')}</th>` : nothing}
      </tr></thead>
      <tbody>${this.packages.map((p) => this.#row(p, canInstall))}</tbody>
    </table></div>`;
  }

  #row(p: CatalogPackage, canInstall: boolean) {
    const runsOn = p.runsOn ?? [];
    const places = placesOf(p);
    const installable = !p.revoked && (places.edge || places.hub);
    return html`<tr data-package=${`${p.plugin.id}@${p.plugin.version}`}>
      <td><strong>${p.name}</strong><br /><code>${p.plugin.id}</code>
        ${p.description ? html`<br /><span class="note">${p.description}</span>` : nothing}
        ${p.panels?.length ? html`<br /><span class="note">${t('catalog.panels', { titles: p.panels.map((x) => x.title).join(', ') })}</span>` : nothing}
        ${p.revoked ? html`<br /><span class="bad">${t('catalog.revoked', { reason: p.revoked.reason })}</span>` : nothing}
      </td>
      <td>${p.plugin.version}</td>
      <td>${p.vendor ? p.vendor.name : html`<span class="note">${t('catalog.vendorUnknown')}</span>`}<br /><code>${p.keyId}</code></td>
      <td><code title=${p.plugin.digest}>${p.plugin.digest.slice(0, 19)}…</code></td>
      <td>${runsOn.join(', ')}</td>
      ${
        canInstall
          ? html`<td>${
              installable
                ? html`<button aria-label=${t('catalog.installLabel', { name: p.name, version: p.plugin.version })}
                    @click=${() => this.#choose(p)}>${t('catalog.install')}</button>`
                : html`<span class="note">${p.revoked ? '' : t('catalog.notInstallable')}</span>`
            }</td>`
          : nothing
      }
    </tr>`;
  }

  #choose(p: CatalogPackage): void {
    this.done = null;
    this.chosen = p;
  }

  #wizard(p: CatalogPackage) {
    return html`<heng-install-wizard
      .api=${this.ctx.api}
      .pkg=${p}
      .sites=${this.sites}
      @heng-wizard-cancel=${() => {
        this.chosen = null;
      }}
      @heng-install-done=${(e: CustomEvent<InstallDone>) => {
        this.done = { pkg: p, installs: e.detail.installs };
        this.chosen = null;
      }}
    ></heng-install-wizard>`;
  }

  #done({ pkg, installs }: { pkg: CatalogPackage; installs: AppInstall[] }) {
    return html`<div class="ok" role="status">
      <p>${t('catalog.installed', { name: pkg.name, version: pkg.plugin.version, places: placeNames(installs.map((i) => i.site)) })}</p>
      <ul>${installs.map((i) =>
        isHubPlace(i.site)
          ? html`<li><a href="#/hub">${t('catalog.openHubApps')}</a></li>`
          : html`<li><a href=${`#/sites/${encodeURIComponent(i.site)}/apps`}>
              ${t('catalog.openApps', { site: i.site })}</a></li>`,
      )}</ul>
    </div>`;
  }
}

if (!customElements.get('heng-catalog')) customElements.define('heng-catalog', HengCatalog);
