/** @module The audit log, newest first, filtered by actor, action, target, outcome and time. */
import { html, LitElement } from 'lit';
import { ApiError, type Query } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import type { ShellContext } from '../session/index.ts';
import { formatTime, sharedStyles } from '../theme/index.ts';
import './messages.ts';

/** One entry as `GET /api/audit` lists it. */
export interface AuditEntry {
  seq: number;
  ts: string;
  actor: string;
  action: string;
  target: string;
  outcome: 'ok' | 'refused' | 'failed';
  detail?: Record<string, unknown>;
}

/** `<heng-audit>`: the filter form and the pages of entries. */
export class AuditView extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    entries: { state: true },
    next: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles];

  declare ctx: ShellContext;
  declare entries: AuditEntry[] | null;
  declare next: string | number | undefined;
  declare error: string;
  #filters: Query = {};

  constructor() {
    super();
    new LocaleController(this);
    this.entries = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load(false);
  }

  async #load(more: boolean): Promise<void> {
    const query: Query = { ...this.#filters, limit: 50, before: more ? this.next : undefined };
    try {
      const page = await this.ctx.api.get<{ entries: AuditEntry[]; next?: string | number }>(
        '/api/audit',
        query,
      );
      this.entries = more ? [...(this.entries ?? []), ...page.entries] : page.entries;
      this.next = page.next;
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  #apply(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const time = (name: string) => {
      const value = text(name);
      return value ? new Date(value).toISOString() : undefined;
    };
    this.#filters = {
      actor: text('actor'),
      action: text('action'),
      target: text('target'),
      outcome: text('outcome'),
      since: time('since'),
      until: time('until'),
    };
    this.entries = null;
    void this.#load(false);
  }

  override render() {
    return html`<h1>${t('audit.title')}</h1>
      <form class="row" @submit=${this.#apply} @reset=${() => queueMicrotask(() => this.#clear())}
        aria-label=${t('audit.filters')}>
        <label>${t('audit.actor')}<input name="actor" placeholder="user:admin" /></label>
        <label>${t('audit.action')}<input name="action" placeholder="site.register" /></label>
        <label>${t('audit.target')}<input name="target" placeholder="site/lighting-01" /></label>
        <label>${t('audit.outcome')}<select name="outcome">
          <option value="">${t('audit.any')}</option>
          ${(['ok', 'refused', 'failed'] as const).map((o) => html`<option value=${o}>${t(`audit.${o}`)}</option>`)}
        </select></label>
        <label>${t('audit.since')}<input name="since" type="datetime-local" /></label>
        <label>${t('audit.until')}<input name="until" type="datetime-local" /></label>
        <button type="submit">${t('audit.apply')}</button>
        <button type="reset" class="secondary">${t('audit.clear')}</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.#table()}`;
  }

  #clear(): void {
    this.#filters = {};
    this.entries = null;
    void this.#load(false);
  }

  #table() {
    if (this.entries === null) return html`<p role="status">${t('audit.loading')}</p>`;
    if (this.entries.length === 0) return html`<p>${t('audit.none')}</p>`;
    // Focusable, so a keyboard can scroll the table when it is wider than the screen.
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('audit.title')}><table>
        <thead><tr>
          <th scope="col">${t('audit.seq')}</th><th scope="col">${t('audit.time')}</th>
          <th scope="col">${t('audit.actor')}</th><th scope="col">${t('audit.action')}</th>
          <th scope="col">${t('audit.target')}</th><th scope="col">${t('audit.outcome')}</th>
        </tr></thead>
        <tbody>${this.entries.map(
          (e) => html`<tr>
            <td>${e.seq}</td><td>${formatTime(e.ts)}</td><td>${e.actor}</td><td>${e.action}</td>
            <td>${e.target}</td>
            <td class=${e.outcome === 'ok' ? 'ok' : 'bad'}>${t(`audit.${e.outcome}`)}</td>
          </tr>`,
        )}</tbody></table></div>
      ${this.next !== undefined ? html`<p><button class="secondary" @click=${() => this.#load(true)}>${t('audit.more')}</button></p>` : ''}`;
  }
}

customElements.define('heng-audit', AuditView);
