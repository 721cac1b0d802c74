/**
 * @module `<heng-site-apps site="…">`: the apps installed at a site with the edge's report, and
 * their lifecycle: upgrade (the wizard), rollback, disable/enable, uninstall (confirmed),
 * automatic rollback, and each app's granted panels, titled from the catalog. It reloads after
 * every action and follows the hub's live `app` messages (see {@link AppsFollower}).
 */
import { css, html, LitElement, nothing } from 'lit';
import { ApiError, isHubPlace } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import '../panels/index.ts';
import { may, type ShellContext } from '../session/index.ts';
import { sharedStyles } from '../theme/index.ts';
import type { CatalogEntry } from '../wizard/index.ts';
import '../wizard/index.ts';
import {
  type AppAction,
  listSiteApps,
  runAppAction,
  type SiteApp,
  setAutoRollback,
} from './app-actions.ts';
import { appRow, type RowHandlers } from './app-row.ts';
import { AppsFollower } from './apps-follower.ts';
import './messages.ts';
import { PanelTitles } from './panel-titles.ts';
import { type PlaceWords, placeWords } from './place-words.ts';

type Dialog =
  | { kind: 'uninstall'; app: SiteApp }
  | { kind: 'upgrade'; app: SiteApp; versions: CatalogEntry[]; pkg: CatalogEntry | null }
  | { kind: 'panel'; app: SiteApp; panel: string };

/**
 * `<heng-site-apps>`: the view at `#/sites/<id>/apps`. With `site="hub"` it lists the apps that
 * run at the hub, as a section of the hub's view (a second-level heading, no link back to a site).
 */
export class HengSiteApps extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    site: {},
    apps: { state: true },
    busy: { state: true },
    notice: { state: true },
    error: { state: true },
    loadError: { state: true },
    dialog: { state: true },
    fallbackMs: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      .check { display: flex; gap: 0.4rem; align-items: center; font-weight: normal; margin-top: 0.4rem; }
      .dialog { border: 1px solid #0b57d0; border-radius: 4px; padding: 0.75rem; margin: 0.75rem 0; }
    `,
  ];

  declare ctx: ShellContext;
  declare site: string;
  declare apps: SiteApp[] | null;
  /** The action running now, shown as progress. */
  declare busy: string;
  declare notice: string;
  /** What the last action's failure was (kept across the reload that follows). */
  declare error: string;
  declare loadError: string;
  declare dialog: Dialog | null;
  /**
   * How soon to ask again while the live feed is not open and an edge has not reported a change
   * (ms); while it is open, `app` messages bring the reports.
   */
  declare fallbackMs: number;
  readonly #follower = new AppsFollower(this);
  readonly #panels = new PanelTitles();

  constructor() {
    super();
    new LocaleController(this);
    Object.assign(this, {
      site: '',
      apps: null,
      busy: '',
      notice: '',
      error: '',
      loadError: '',
      dialog: null,
      fallbackMs: 10_000,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Loads the place's apps (and the titles of their panels, for those who may read the catalog). */
  load(): Promise<void> {
    return this.#follower.track(async () => {
      try {
        this.apps = await listSiteApps(this.ctx.api, this.site);
        this.loadError = '';
      } catch (err) {
        this.loadError = err instanceof ApiError ? err.friendly : String(err);
      }
    });
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Every new list (a load, a live message) may hold a version whose titles are not known yet.
    if (changed.has('apps') && this.apps && may(this.ctx.me, 'catalog:read'))
      void this.#panels.learn(this.ctx.api, this.apps).then((learnt) => {
        if (learnt) this.requestUpdate();
      });
  }

  /** The words of this place: the hub's own at the hub. */
  get #say(): PlaceWords {
    return placeWords(this.site);
  }

  /** Runs one change with progress shown, then reloads; errors say what to do. */
  async #run(app: SiteApp, actionKey: string, call: () => Promise<unknown>): Promise<void> {
    const words = { action: t(`apps.action.${actionKey}`), name: app.install.plugin.id };
    this.busy = t('apps.working', words);
    this.notice = '';
    this.error = '';
    this.dialog = null;
    try {
      await call();
      this.notice = this.#say('doneAction', words);
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    } finally {
      this.busy = '';
    }
    await this.load();
  }

  readonly #on: RowHandlers = {
    act: (app, action: AppAction) =>
      void this.#run(app, action, () =>
        runAppAction(this.ctx.api, this.site, app.install.plugin.id, action),
      ),
    askUninstall: (app) => {
      this.dialog = { kind: 'uninstall', app };
    },
    autoRollback: (app, on) =>
      void this.#run(app, 'autoRollback', () =>
        setAutoRollback(this.ctx.api, this.site, app.install.plugin.id, on),
      ),
    openPanel: (app, panel) => {
      this.dialog = { kind: 'panel', app, panel };
    },
    upgrade: (app) => void this.#openUpgrade(app),
    panelTitle: (app, panel) => this.#panels.titleOf(app, panel),
  };

  async #openUpgrade(app: SiteApp): Promise<void> {
    try {
      const { packages } = await this.ctx.api.get<{ packages: CatalogEntry[] }>(
        '/api/catalog/packages',
      );
      const versions = packages.filter(
        (p) =>
          p.plugin.id === app.install.plugin.id &&
          p.plugin.version !== app.install.plugin.version &&
          !p.revoked,
      );
      this.dialog = { kind: 'upgrade', app, versions, pkg: null };
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  override render() {
    const site = encodeURIComponent(this.site);
    return html`${
      isHubPlace(this.site)
        ? html`<h2>${this.#say('title')}</h2>`
        : html`<p><a href=${`#/sites/${site}`}>← ${t('apps.back')}</a></p>
          <h1>${t('apps.title', { site: this.site })}</h1>`
    }
      ${this.busy ? html`<p role="status"><progress aria-label=${this.busy}></progress> ${this.busy}</p>` : nothing}
      ${this.notice ? html`<p class="ok" role="status">${this.notice}</p>` : nothing}
      ${[this.error, this.loadError].filter(Boolean).map((e) => html`<p class="error" role="alert">${e}</p>`)}
      ${this.dialog ? this.#dialog(this.dialog) : nothing}
      ${this.#table()}`;
  }

  #table() {
    if (!this.apps)
      return this.loadError ? nothing : html`<p role="status">${t('apps.loading')}</p>`;
    if (this.apps.length === 0)
      return html`<p class="note">${this.#say('empty')} <a href="#/catalog">${t('apps.catalog')}</a></p>`;
    const canWrite = may(this.ctx.me, 'installs:write');
    return html`<div class="table-wrap"><table>
      <thead><tr>
        <th scope="col">${t('apps.app')}</th><th scope="col">${t('apps.version')}</th>
        <th scope="col">${t('apps.wanted')}</th><th scope="col">${this.#say('running')}</th>
        <th scope="col">${t('apps.faults')}</th><th scope="col">${t('apps.actions')}</th>
      </tr></thead>
      <tbody>${this.apps.map((a) => appRow(a, canWrite, this.busy !== '', this.#on, this.#say))}</tbody>
    </table></div>`;
  }

  #dialog(d: Dialog) {
    const name = d.app.install.plugin.id;
    const close = () => {
      this.dialog = null;
    };
    if (d.kind === 'uninstall')
      return html`<div class="dialog" role="alertdialog" aria-label=${t('apps.uninstall')}>
        <p>${this.#say('confirmUninstall', { name, site: this.site })}</p>
        <div class="row">
          <button @click=${() => this.#on.act(d.app, 'uninstall')}>${t('apps.confirm')}</button>
          <button class="secondary" @click=${close}>${t('apps.keep')}</button>
        </div></div>`;
    if (d.kind === 'panel')
      return html`<div class="dialog">
        <heng-plugin-panel .ctx=${this.ctx} site=${this.site} plugin=${name} panel=${d.panel}
          panel-title=${this.#panels.titleOf(d.app, d.panel)} .permissions=${d.app.install.permissions}></heng-plugin-panel>
        <button class="secondary" @click=${close}>${t('apps.closePanel')}</button></div>`;
    if (!d.pkg)
      return html`<div class="dialog"><p>${t('apps.upgradeTo', { name })}</p>
        ${d.versions.length === 0 ? html`<p class="note">${t('apps.noUpgrade')}</p>` : nothing}
        <div class="row">${d.versions.map(
          (p) =>
            html`<button @click=${() => {
              this.dialog = { ...d, pkg: p };
            }}>${p.plugin.version}</button>`,
        )}<button class="secondary" @click=${close}>${t('apps.keep')}</button></div></div>`;
    return html`<heng-install-wizard mode="upgrade" .api=${this.ctx.api} .pkg=${d.pkg}
      site=${this.site} installed-version=${d.app.install.plugin.version}
      .settings=${d.app.install.config}
      @heng-wizard-cancel=${close}
      @heng-install-done=${() => {
        this.dialog = null;
        this.notice = this.#say('doneAction', { action: t('apps.upgrade'), name });
        void this.load();
      }}></heng-install-wizard>`;
  }
}

if (!customElements.get('heng-site-apps')) customElements.define('heng-site-apps', HengSiteApps);
