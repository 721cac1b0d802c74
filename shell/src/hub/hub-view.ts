/**
 * @module `<heng-hub-view>`, the view at `#/hub`: the apps installed at the hub with the same
 * lifecycle as a site's (`<heng-site-apps site="hub">`), and the events they raised. Each part
 * shows only to those whose ability (`installs:read`, `events:read`) holds at the hub.
 */
import { css, html, LitElement, nothing } from 'lit';
import { HUB_PLACE } from '../api/index.ts';
import '../apps/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import { mayAtHub, type ShellContext } from '../session/index.ts';
import { sharedStyles } from '../theme/index.ts';
import './hub-events.ts';
import './messages.ts';

/** The abilities that show the hub's view: either of its two parts. */
export const HUB_VIEW_ABILITIES: readonly string[] = ['installs:read', 'events:read'];

/** The hub's view. */
export class HengHubView extends LitElement {
  static override properties = { ctx: { attribute: false } };
  static override styles = [sharedStyles, css`section { margin-top: 1.5rem; }`];

  declare ctx: ShellContext;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const me = this.ctx.me;
    return html`<h1>${t('hub.title')}</h1>
      <p>${t('hub.intro')}</p>
      ${
        mayAtHub(me, 'installs:read')
          ? html`<section><heng-site-apps .ctx=${this.ctx} site=${HUB_PLACE}></heng-site-apps></section>`
          : nothing
      }
      ${mayAtHub(me, 'events:read') ? html`<section><heng-hub-events .ctx=${this.ctx}></heng-hub-events></section>` : nothing}`;
  }
}

if (!customElements.get('heng-hub-view')) customElements.define('heng-hub-view', HengHubView);
