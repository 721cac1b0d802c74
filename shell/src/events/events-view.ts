/**
 * @module The events list of one site, newest first, with new events arriving live. Levels are
 * those of graded response (分级响应): 1 is the most severe.
 */
import type { HengEvent } from '@heng/schemas';
import { html, LitElement } from 'lit';
import { ApiError } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import type { ShellContext } from '../session/index.ts';
import { formatTime, sharedStyles } from '../theme/index.ts';
import { levelCell } from './level-cell.ts';
import './messages.ts';

/** `<heng-events>`: a site picker and that site's events. */
export class EventsView extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    sites: { state: true },
    site: { state: true },
    events: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles];

  declare ctx: ShellContext;
  declare sites: { id: string; name: string }[];
  declare site: string;
  declare events: HengEvent[] | null;
  declare error: string;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.sites = [];
    this.site = '';
    this.events = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.ctx.live.on('event', ({ site, event }) => {
      if (site === this.site && this.events && !this.events.some((e) => e.id === event.id))
        this.events = [event, ...this.events];
    });
    void this.#loadSites();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  async #loadSites(): Promise<void> {
    try {
      const { sites } = await this.ctx.api.get<{ sites: { id: string; name: string }[] }>(
        '/api/sites',
      );
      this.sites = sites;
      if (sites[0]) await this.#show(sites[0].id);
      else this.events = [];
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  async #show(site: string): Promise<void> {
    this.site = site;
    this.events = null;
    try {
      const { events } = await this.ctx.api.get<{ events: HengEvent[] }>(
        `/api/sites/${encodeURIComponent(site)}/events`,
        { limit: 100 },
      );
      if (this.site === site) this.events = events;
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  override render() {
    return html`<h1>${t('events.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${
        this.sites.length
          ? html`<label>${t('events.site')}
              <select @change=${(e: Event) => this.#show((e.target as HTMLSelectElement).value)}>
                ${this.sites.map((s) => html`<option value=${s.id} ?selected=${s.id === this.site}>${s.name}</option>`)}
              </select></label>`
          : ''
      }
      ${this.#list()}`;
  }

  #list() {
    if (this.events === null) return html`<p role="status">${t('events.loading')}</p>`;
    if (this.events.length === 0)
      return html`<p>${this.sites.length ? t('events.none') : t('events.noSites')}</p>`;
    // Focusable, so a keyboard can scroll the table when it is wider than the screen.
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('events.title')}><table>
      <thead><tr>
        <th scope="col">${t('events.time')}</th><th scope="col">${t('events.level')}</th>
        <th scope="col">${t('events.topic')}</th><th scope="col">${t('events.what')}</th>
        <th scope="col">${t('events.source')}</th>
      </tr></thead>
      <tbody>${this.events.map(
        (e) => html`<tr>
          <td>${formatTime(e.ts)}</td>
          ${levelCell(e)}
          <td>${e.topic}</td><td>${e.title ?? ''}</td><td>${e.source}</td>
        </tr>`,
      )}</tbody></table></div>`;
  }
}

customElements.define('heng-events', EventsView);
