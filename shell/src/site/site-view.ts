/**
 * @module A site's page: its sync state, the latest value of each point (from recent telemetry),
 * a chart of one point's recent readings, and a command form for one point.
 */
import type { TelemetryBatch } from '@heng/schemas';
import { html, LitElement } from 'lit';
import { ApiError } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import type { SiteRow } from '../overview/index.ts';
import { may, type ShellContext } from '../session/index.ts';
import { formatAgo, formatTime, sharedStyles } from '../theme/index.ts';
import '../apps/messages.ts';
import './command-form.ts';
import './messages.ts';
import './point-chart.ts';
import { type LatestReading, latestReadings, pointHistory } from './readings.ts';

type Selected = { device: string; point: string; mode: 'chart' | 'command' } | null;

/** `<heng-site-view site="…">`. */
export class SiteView extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    site: {},
    info: { state: true },
    batches: { state: true },
    selected: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles];

  declare ctx: ShellContext;
  declare site: string;
  declare info: SiteRow | null;
  declare batches: TelemetryBatch[] | null;
  declare selected: Selected;
  declare error: string;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.info = null;
    this.batches = null;
    this.selected = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.ctx.live.on('site', ({ site, sync }) => {
      if (site === this.site && this.info) this.info = { ...this.info, sync };
    });
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  /** Loads the site and its recent telemetry. */
  async load(): Promise<void> {
    const base = `/api/sites/${encodeURIComponent(this.site)}`;
    try {
      const [info, telemetry] = await Promise.all([
        this.ctx.api.get<SiteRow>(base),
        this.ctx.api.get<{ batches: TelemetryBatch[] }>(`${base}/telemetry`, { limit: 200 }),
      ]);
      this.info = info;
      this.batches = telemetry.batches;
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  override render() {
    const info = this.info;
    return html`<p><a href="#/sites">← ${t('site.back')}</a></p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        info
          ? html`<h1>${info.name}</h1>
            <p class="note">${info.id} · ${info.sync.online ? t('overview.isOnline') : t('overview.isOffline')} ·
              ${t('overview.lastSeen')}: <span title=${formatTime(info.sync.lastSeen)}>${formatAgo(info.sync.lastSeen)}</span></p>
            <p><a href=${`#/sites/${encodeURIComponent(info.id)}/apps`}>${t('apps.open')}</a></p>`
          : html`<p role="status">${t('site.loading')}</p>`
      }
      ${this.batches ? this.#points(latestReadings(this.batches)) : ''}
      ${this.#selection()}`;
  }

  #points(latest: LatestReading[]) {
    const command = may(this.ctx.me, 'commands:write');
    return html`<section aria-labelledby="points">
      <div class="row"><h2 id="points">${t('site.points')}</h2>
        <button class="secondary" @click=${() => this.load()}>${t('site.refresh')}</button></div>
      ${
        latest.length === 0
          ? html`<p>${t('site.noReadings')}</p>`
          : html`<div class="table-wrap"><table>
            <thead><tr><th scope="col">${t('site.device')}</th><th scope="col">${t('site.point')}</th>
              <th scope="col">${t('site.value')}</th><th scope="col">${t('site.quality')}</th>
              <th scope="col">${t('site.time')}</th><th scope="col">${t('site.actions')}</th></tr></thead>
            <tbody>${latest.map(
              (r) => html`<tr>
                <td>${r.device}</td><td>${r.point}</td><td>${String(r.value)}</td>
                <td class=${r.quality === 'good' ? '' : 'bad'}>${r.quality}</td><td>${formatTime(r.ts)}</td>
                <td class="row">
                  <button class="secondary" aria-label="${t('site.chart')} ${r.device}/${r.point}"
                    @click=${() => this.#select(r, 'chart')}>${t('site.chart')}</button>
                  ${
                    command
                      ? html`<button class="secondary" aria-label="${t('site.command')} ${r.device}/${r.point}"
                    @click=${() => this.#select(r, 'command')}>${t('site.command')}</button>`
                      : ''
                  }
                </td></tr>`,
            )}</tbody></table></div>`
      }</section>`;
  }

  #select(r: LatestReading, mode: 'chart' | 'command'): void {
    this.selected = { device: r.device, point: r.point, mode };
  }

  #selection() {
    const s = this.selected;
    if (!s || !this.batches) return '';
    const names = { device: s.device, point: s.point };
    if (s.mode === 'command') {
      const current = latestReadings(this.batches).find(
        (r) => r.device === s.device && r.point === s.point,
      )?.value;
      return html`<section><h2>${t('site.sendTo', names)}</h2>
        <heng-command-form .ctx=${this.ctx} site=${this.site} device=${s.device} point=${s.point}
          .current=${current} @close=${() => (this.selected = null)}></heng-command-form></section>`;
    }
    const history = pointHistory(this.batches, s.device, s.point);
    return html`<section><h2>${t('site.chartOf', names)}</h2>
      ${
        history.length
          ? html`<heng-point-chart .readings=${history} label=${t('site.chartOf', names)}></heng-point-chart>`
          : html`<p>${t('site.chartEmpty', names)}</p>`
      }</section>`;
  }
}

customElements.define('heng-site-view', SiteView);
