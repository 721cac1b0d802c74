/**
 * @module `<heng-hub-events>`: the events the hub's own apps raised (`GET /api/hub/events`),
 * newest first, each with its graded-response level as the events view shows it and the site it
 * is about (a hub app's event has no site of its own; the payload names it).
 */
import type { HengEvent } from '@heng/schemas';
import { html, LitElement, nothing } from 'lit';
import { ApiError, HUB_PLACE } from '../api/index.ts';
import { levelCell } from '../events/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import type { ShellContext } from '../session/index.ts';
import { formatTime, sharedStyles } from '../theme/index.ts';
import './messages.ts';

/** How many of the newest events the view asks for. */
const LIMIT = 100;

/** Newest first by `ts` (ISO times compare as strings); the hub sends them so already. */
function newestFirst(events: readonly HengEvent[]): HengEvent[] {
  return [...events].sort((a, b) => (a.ts < b.ts ? 1 : a.ts > b.ts ? -1 : 0));
}

/** The site an event is about: its own `site`, else the one its payload names. */
export function siteOfEvent(event: HengEvent): string {
  const named = event.site ?? event.payload['site'];
  return typeof named === 'string' ? named : '—';
}

/** The hub's events list. */
export class HengHubEvents extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    events: { state: true },
    loading: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles];

  declare ctx: ShellContext;
  declare events: HengEvent[] | null;
  declare loading: boolean;
  declare error: string;
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    new LocaleController(this);
    Object.assign(this, { events: null, loading: false, error: '' });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The hub's live feed sends the events its plugins raise with site `hub`: they arrive here
    // without a refresh.
    this.#unsubscribe = this.ctx.live.on('event', ({ site, event }) => {
      if (site === HUB_PLACE && this.events && !this.events.some((e) => e.id === event.id))
        this.events = newestFirst([event, ...this.events]);
    });
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  /** Loads the newest events. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      const { events } = await this.ctx.api.get<{ events: HengEvent[] }>('/api/hub/events', {
        limit: LIMIT,
      });
      this.events = newestFirst(events);
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    } finally {
      this.loading = false;
    }
  }

  override render() {
    return html`<h2>${t('hub.events.title')}</h2>
      <p class="row"><span class="note">${t('hub.events.intro')}</span>
        <button class="secondary" ?disabled=${this.loading} @click=${() => this.load()}>
          ${t('hub.events.refresh')}</button></p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.#list()}`;
  }

  #list() {
    if (this.events === null)
      return this.error ? nothing : html`<p role="status">${t('hub.events.loading')}</p>`;
    if (this.events.length === 0) return html`<p class="note">${t('hub.events.none')}</p>`;
    // Focusable, so a keyboard can scroll the table when it is wider than the screen.
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('hub.events.title')}><table>
      <thead><tr>
        <th scope="col">${t('events.time')}</th><th scope="col">${t('events.level')}</th>
        <th scope="col">${t('events.topic')}</th><th scope="col">${t('events.what')}</th>
        <th scope="col">${t('hub.events.site')}</th><th scope="col">${t('events.source')}</th>
      </tr></thead>
      <tbody>${this.events.map(
        (e) => html`<tr data-event=${e.id}>
          <td>${formatTime(e.ts)}</td>
          ${levelCell(e)}
          <td>${e.topic}</td><td>${e.title ?? ''}</td><td>${siteOfEvent(e)}</td><td>${e.source}</td>
        </tr>`,
      )}</tbody></table></div>`;
  }
}

if (!customElements.get('heng-hub-events')) customElements.define('heng-hub-events', HengHubEvents);
