/** @module The sign-in form: user and password to the hub, which answers with a session cookie. */
import { css, html, LitElement } from 'lit';
import { ApiError } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import { type ShellContext, signIn } from '../session/index.ts';
import { sharedStyles } from '../theme/index.ts';
import './messages.ts';

/**
 * `<heng-signin>`: fires `signed-in` (detail: the session) on success. `notice` is a message key
 * shown above the form, e.g. `signin.expired` after a 401.
 */
export class SigninView extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    notice: {},
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 0.9rem;
        max-width: 22rem;
        margin: 3rem auto;
        padding: 1.5rem;
        border: 1px solid #d0d7de;
        border-radius: 8px;
      }
    `,
  ];

  declare ctx: ShellContext;
  declare notice: string;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.notice = '';
    this.error = '';
    this.busy = false;
  }

  override render() {
    return html`<form @submit=${this.#submit} aria-labelledby="signin-title" novalidate>
      <h1 id="signin-title">${t('signin.title')}</h1>
      ${this.notice ? html`<p class="note" role="status">${t(this.notice)}</p>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <label>${t('signin.user')}
        <input name="user" autocomplete="username" required autofocus />
      </label>
      <label>${t('signin.password')}
        <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit" ?disabled=${this.busy}>
        ${this.busy ? t('signin.busy') : t('signin.submit')}
      </button>
    </form>`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const user = String(data.get('user') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!user || !password) {
      this.error = t('signin.wrong');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const me = await signIn(this.ctx.api, user, password);
      form.reset();
      this.dispatchEvent(
        new CustomEvent('signed-in', { detail: me, bubbles: true, composed: true }),
      );
    } catch (err) {
      this.error =
        err instanceof ApiError && err.code === 'unauthenticated'
          ? t('signin.wrong')
          : err instanceof ApiError
            ? err.friendly
            : String(err);
    } finally {
      this.busy = false;
    }
  }
}

customElements.define('heng-signin', SigninView);
