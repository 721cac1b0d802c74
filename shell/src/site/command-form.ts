/**
 * @module `<heng-command-form>`: sends a command to one point and shows its outcome when the edge
 * answers (from the live feed, or by asking the hub when the feed is down).
 */
import type { Command, CommandOutcome } from '@heng/schemas';
import { html, LitElement } from 'lit';
import { ApiError } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import type { ShellContext } from '../session/index.ts';
import { sharedStyles } from '../theme/index.ts';
import './messages.ts';

/** Fires `close` when the user cancels. */
export class CommandForm extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    site: {},
    device: {},
    point: {},
    current: { attribute: false },
    status: { state: true },
  };
  static override styles = [sharedStyles];

  declare ctx: ShellContext;
  declare site: string;
  declare device: string;
  declare point: string;
  /** The latest value, to choose the input's kind (boolean, number or text). */
  declare current: number | boolean | string | undefined;
  declare status: { kind: 'idle' | 'sending' | 'waiting' | 'done' | 'error'; text: string };
  #commandId = '';
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.status = { kind: 'idle', text: '' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.ctx.live.on('outcome', ({ outcome }) => {
      if (outcome.commandId === this.#commandId) this.#show(outcome);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  override render() {
    const busy = this.status.kind === 'sending' || this.status.kind === 'waiting';
    return html`<form class="row" @submit=${this.#send}
        aria-label=${t('site.sendTo', { device: this.device, point: this.point })}>
      <label>${t('site.newValue')}${this.#input()}</label>
      <label>${t('site.reason')}<input name="reason" required maxlength="500" /></label>
      <button type="submit" ?disabled=${busy}>${busy ? t('site.sending') : t('site.send')}</button>
      <button type="button" class="secondary"
        @click=${() => this.dispatchEvent(new Event('close'))}>${t('site.cancel')}</button>
    </form>
    <p role="status" class=${this.status.kind === 'error' ? 'error' : this.status.kind === 'done' ? 'ok' : ''}>
      ${this.status.text}</p>`;
  }

  #input() {
    if (typeof this.current === 'boolean')
      return html`<select name="value"><option value="true">true</option><option value="false">false</option></select>`;
    if (typeof this.current === 'number')
      return html`<input name="value" type="number" step="any" required />`;
    return html`<input name="value" required />`;
  }

  async #send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const raw = String(data.get('value') ?? '');
    const value =
      typeof this.current === 'boolean'
        ? raw === 'true'
        : typeof this.current === 'number'
          ? Number(raw)
          : raw;
    this.status = { kind: 'sending', text: t('site.sending') };
    try {
      const { command } = await this.ctx.api.post<{ command: Command }>(
        `/api/sites/${encodeURIComponent(this.site)}/commands`,
        { device: this.device, point: this.point, value, reason: String(data.get('reason')) },
      );
      this.#commandId = command.id;
      this.status = { kind: 'waiting', text: t('site.waiting') };
      // The outcome may have come before the id was known, or the feed may be down: ask once.
      if (this.ctx.live.state !== 'live') await this.#ask();
    } catch (err) {
      this.status = { kind: 'error', text: err instanceof ApiError ? err.friendly : String(err) };
    }
  }

  /** Asks the hub for the outcome (used when the live feed is not delivering). */
  async #ask(): Promise<void> {
    const found = await this.ctx.api.get<{ outcome: CommandOutcome | null }>(
      `/api/sites/${encodeURIComponent(this.site)}/commands/${encodeURIComponent(this.#commandId)}`,
    );
    if (found.outcome) this.#show(found.outcome);
  }

  #show(outcome: CommandOutcome): void {
    const error = outcome.error?.message ?? '';
    const value = String(outcome.readBack ?? outcome.value ?? '');
    this.status = {
      kind: outcome.status === 'applied' ? 'done' : 'error',
      text: t(`site.${outcome.status}`, { value, error }),
    };
  }
}

customElements.define('heng-command-form', CommandForm);
