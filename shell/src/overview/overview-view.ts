/**
 * @module The sites overview: every site the user may see with its health, connection, last
 * contact and sync progress each way, kept current by the live feed.
 */
import { css, html, LitElement } from 'lit';
import { ApiError } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import { hrefOf } from '../router/index.ts';
import type { ShellContext } from '../session/index.ts';
import { formatAgo, formatTime, sharedStyles } from '../theme/index.ts';
import './messages.ts';
import { healthOf, progressOf, type SiteRow } from './site-health.ts';

/** `<heng-overview>`: loads `/api/sites`, then follows `site` messages of the live feed. */
export class OverviewView extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    sites: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .health-healthy { color: #116329; }
      .health-lagging { color: #8a4b00; }
      .health-offline, .health-unknown { color: #a40e26; }
      progress { width: 6rem; vertical-align: middle; }
      td small { display: block; color: #4b5563; }
    `,
  ];

  declare ctx: ShellContext;
  declare sites: SiteRow[] | null;
  declare error: string;
  /** Most documents seen waiting per site and direction, for the progress bars. */
  readonly #peaks = new Map<string, number>();
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.sites = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.ctx.live.on('site', ({ site, sync }) => {
      if (!this.sites) return;
      this.sites = this.sites.map((s) => (s.id === site ? { ...s, sync } : s));
    });
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  /** (Re)loads the list from the hub. */
  async load(): Promise<void> {
    try {
      const { sites } = await this.ctx.api.get<{ sites: SiteRow[] }>('/api/sites');
      this.sites = sites;
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  override render() {
    const sites = this.sites;
    const online = sites?.filter((s) => s.sync.online).length ?? 0;
    return html`<h1>${t('overview.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        sites === null
          ? html`<p role="status">${t('overview.loading')}</p>`
          : sites.length === 0
            ? html`<p>${t('overview.empty')}</p>`
            : html`<p class="note" role="status">
                  ${t('overview.count', { online, total: sites.length })}
                </p>
                <div class="table-wrap">
                  <table>
                    <thead><tr>
                      <th scope="col">${t('overview.site')}</th>
                      <th scope="col">${t('overview.health')}</th>
                      <th scope="col">${t('overview.online')}</th>
                      <th scope="col">${t('overview.lastSeen')}</th>
                      <th scope="col">${t('overview.push')}</th>
                      <th scope="col">${t('overview.pull')}</th>
                    </tr></thead>
                    <tbody>${sites.map((s) => this.#row(s))}</tbody>
                  </table>
                </div>`
      }`;
  }

  #row(site: SiteRow) {
    const health = healthOf(site.sync);
    return html`<tr data-site=${site.id}>
      <th scope="row"><a href=${hrefOf({ name: 'site', site: site.id })}>${site.name}</a>
        <small>${site.id}</small></th>
      <td class="health-${health}">${t(`overview.${health}`)}</td>
      <td>${site.sync.online ? t('overview.isOnline') : t('overview.isOffline')}</td>
      <td title=${formatTime(site.sync.lastSeen)}>${formatAgo(site.sync.lastSeen)}</td>
      <td>${this.#progress(site.id, 'push', site.sync.pending.push)}</td>
      <td>${this.#progress(site.id, 'pull', site.sync.pending.pull)}</td>
    </tr>`;
  }

  #progress(site: string, way: 'push' | 'pull', pending: number | null) {
    const key = `${site}/${way}`;
    const peak = Math.max(this.#peaks.get(key) ?? 0, pending ?? 0);
    this.#peaks.set(key, pending === 0 ? 0 : peak);
    const progress = progressOf(pending, peak);
    if (!progress) return html`<span class="note">${t('overview.noReport')}</span>`;
    const label = pending === 0 ? t('overview.synced') : t('overview.pending', { n: pending ?? 0 });
    return html`<progress value=${progress.value} max=${progress.max}
        aria-label="${t(`overview.${way}`)}: ${label}"></progress>
      <small>${label}</small>`;
  }
}

customElements.define('heng-overview', OverviewView);
