/**
 * @module `<heng-app>`, the frame: finds the session, routes to the views, signs out, switches
 * language, and says when the hub is unreachable. A 401 anywhere brings back the sign-in page.
 */
import { html, LitElement, nothing } from 'lit';
import { ApiClient, ApiError } from '../api/index.ts';
import { HUB_VIEW_ABILITIES } from '../hub/index.ts';
import { getLocale, isLocale, LocaleController, setLocale, t } from '../i18n/index.ts';
import { LiveFeed, type LiveState } from '../live/index.ts';
import { HashRouter, hrefOf, type Route } from '../router/index.ts';
import {
  currentSession,
  type Me,
  may,
  mayAtHub,
  type ShellContext,
  signOut,
} from '../session/index.ts';
import { sharedStyles } from '../theme/index.ts';
import { appStyles } from './app-styles.ts';
import './messages.ts';
import { renderView } from './views.ts';

/** The shell. Give it `ctx` to inject a client and feed (tests); else it makes its own. */
export class HengApp extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    route: { state: true },
    me: { state: true },
    liveState: { state: true },
    notice: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, appStyles];

  declare ctx: ShellContext;
  declare route: Route;
  /** undefined while the session is being looked up, null when signed out. */
  declare me: Me | null | undefined;
  declare liveState: LiveState;
  declare notice: string;
  declare error: string;
  readonly #cleanup: (() => void)[] = [];

  constructor() {
    super();
    new LocaleController(this);
    this.me = undefined;
    this.liveState = 'connecting';
    this.notice = '';
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ctx ??= { api: new ApiClient(), live: new LiveFeed(), router: new HashRouter(), me: null };
    const { api, live, router } = this.ctx;
    this.route = router.route;
    this.#cleanup.push(
      router.subscribe((route) => {
        this.route = route;
      }),
      api.onSignedOut(() => this.#signedOut('signin.expired')),
      live.onState((state) => {
        this.liveState = state;
        // A stream the hub refused may mean the session ended: /api/me tells, and a 401 there
        // brings the sign-in page through onSignedOut.
        if (state === 'down') void currentSession(api).catch(() => undefined);
      }),
    );
    void this.#findSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const undo of this.#cleanup.splice(0)) undo();
    this.ctx.live.close();
  }

  async #findSession(): Promise<void> {
    this.error = '';
    try {
      const me = await currentSession(this.ctx.api);
      if (me) this.#signedIn(me);
      else this.#signedOut('');
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  #signedIn(me: Me): void {
    this.ctx.me = me;
    this.me = me;
    this.notice = '';
    this.ctx.live.connect();
    if (this.route.name === 'signin') this.ctx.router.go({ name: 'overview' }, { replace: true });
  }

  #signedOut(notice: string): void {
    this.ctx.me = null;
    this.me = null;
    this.notice = notice;
    this.ctx.live.close();
    this.liveState = 'connecting';
  }

  async #signOut(): Promise<void> {
    try {
      await signOut(this.ctx.api);
    } catch {
      // Signing out of a hub that is down still forgets the session here.
    }
    this.#signedOut('signin.signedOut');
  }

  override render() {
    if (this.me === undefined)
      return html`<main>
        ${
          this.error
            ? html`<p class="error" role="alert">${this.error}</p>
              <button @click=${() => this.#findSession()}>${t('app.retry')}</button>`
            : html`<p role="status">${t('app.checking')}</p>`
        }
      </main>`;
    if (this.me === null)
      return html`${this.#header(null)}<main id="content">
        <heng-signin .ctx=${this.ctx} notice=${this.notice}
          @signed-in=${(e: CustomEvent<Me>) => this.#signedIn(e.detail)}></heng-signin>
      </main>`;
    return html`${this.#header(this.me)}
      ${
        this.liveState === 'down'
          ? html`<p class="banner" role="alert">${t('app.unreachable')}</p>`
          : nothing
      }
      <main id="content" tabindex="-1">${renderView(this.route, this.ctx)}</main>`;
  }

  #header(me: Me | null) {
    // A link shows to whoever holds any of its abilities (the view then shows what each allows).
    const link = (route: Route, label: string, ability: string | readonly string[]) =>
      (typeof ability === 'string' ? [ability] : ability).some((a) => may(me, a))
        ? html`<li><a href=${hrefOf(route)}
            aria-current=${this.#current(route) ? 'page' : 'false'}>${label}</a></li>`
        : nothing;
    return html`<a class="skip" href="#content" @click=${this.#skip}>${t('app.skip')}</a>
      <header>
        <a class="brand" href="#/sites">${t('app.brand')}</a>
        ${
          me
            ? html`<nav aria-label=${t('app.nav')}><ul>
                ${link({ name: 'overview' }, t('app.sites'), 'sites:read')}
                ${HUB_VIEW_ABILITIES.some((a) => mayAtHub(me, a)) ? link({ name: 'hub' }, t('app.hub'), HUB_VIEW_ABILITIES) : nothing}
                ${link({ name: 'catalog' }, t('app.catalog'), 'catalog:read')}
                ${link({ name: 'events' }, t('app.events'), 'events:read')}
                ${link({ name: 'audit' }, t('app.audit'), 'audit:read')}
                ${link({ name: 'parties' }, t('app.parties'), 'parties:read')}
              </ul></nav>`
            : nothing
        }
        <div class="tools">
          <label>${t('app.language')}
            <select @change=${this.#changeLocale}>
              <option value="en" ?selected=${getLocale() === 'en'}>English</option>
              <option value="zh-CN" lang="zh-CN" ?selected=${getLocale() === 'zh-CN'}>简体中文</option>
            </select>
          </label>
          ${
            me
              ? html`<span>${t('app.signedInAs', { user: me.principal.id })}</span>
                <button class="secondary" @click=${() => this.#signOut()}>${t('app.signOut')}</button>`
              : nothing
          }
        </div>
      </header>`;
  }

  #current(route: Route): boolean {
    return (
      route.name === this.route.name || (route.name === 'overview' && this.route.name === 'site')
    );
  }

  #changeLocale(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isLocale(value)) setLocale(value);
  }

  #skip(event: Event): void {
    // The hash is the router's: move focus to the content without navigating.
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('#content')?.focus();
  }
}

customElements.define('heng-app', HengApp);
