/**
 * @module `<heng-plugin-panel>`: a plugin's UI panel in an `<iframe sandbox="allow-scripts">`
 * (no allow-same-origin: the page gets an opaque origin, so it cannot read the shell's cookie,
 * storage or DOM, nor call the hub as the user), talking to the shell only through the
 * {@link PanelBridge}, which answers what the plugin's grant covers and nothing else.
 */
import type { Permission } from '@heng/schemas';
import { html, LitElement } from 'lit';
import { LocaleController, t } from '../i18n/index.ts';
import type { ShellContext } from '../session/index.ts';
import { sharedStyles } from '../theme/index.ts';
import { PanelBridge, type Refusal } from './panel-bridge.ts';
import { panelStyles } from './panel-styles.ts';
import { panelGrant } from './point-grant.ts';
import './messages.ts';

/** The hub's route that serves a panel page (under a sandboxing CSP). */
export function panelUrl(site: string, plugin: string, panel: string): string {
  const e = encodeURIComponent;
  return `/api/sites/${e(site)}/apps/${e(plugin)}/panels/${e(panel)}`;
}

/**
 * Shows panel `panel` of the plugin installed at `site` with the consented `permissions`.
 * `src` overrides the page's address (tests serve hostile pages from `data:` URLs).
 *
 * @example
 * html`<heng-plugin-panel .ctx=${ctx} site="lighting-01" plugin="city.x.lamps" panel="status"
 *   panel-title="Status" .permissions=${install.permissions}></heng-plugin-panel>`
 */
export class HengPluginPanel extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    site: {},
    plugin: {},
    panel: {},
    panelTitle: { attribute: 'panel-title' },
    permissions: { attribute: false },
    src: {},
    maxPerSecond: { attribute: false },
    now: { attribute: false },
    flooded: { state: true },
    refusal: { state: true },
  };
  static override styles = [sharedStyles, panelStyles];

  declare ctx: ShellContext;
  declare site: string;
  declare plugin: string;
  declare panel: string;
  declare panelTitle: string;
  declare permissions: readonly Permission[];
  declare src: string | undefined;
  declare maxPerSecond: number;
  /** The bridge's clock in ms (tests freeze it to count the flood limit exactly). */
  declare now: (() => number) | undefined;
  declare flooded: boolean;
  declare refusal: Refusal | undefined;
  #bridge: PanelBridge | undefined;
  readonly #onMessage = (event: MessageEvent) => this.#receive(event);

  constructor() {
    super();
    new LocaleController(this);
    Object.assign(this, { site: '', plugin: '', panel: '', panelTitle: '', permissions: [] });
    Object.assign(this, {
      src: undefined,
      maxPerSecond: 20,
      now: undefined,
      flooded: false,
      refusal: undefined,
    });
  }

  /** The bridge of the current frame (for tests and for the count of dropped messages). */
  get bridge(): PanelBridge | undefined {
    return this.#bridge;
  }

  /** The panel's frame, once rendered. */
  get frame(): HTMLIFrameElement | null {
    return this.renderRoot.querySelector('iframe');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Messages reach the window that owns the frame; which frame sent one is checked per message.
    window.addEventListener('message', this.#onMessage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.#onMessage);
    this.#bridge?.[Symbol.dispose]();
    this.#bridge = undefined;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (['ctx', 'site', 'permissions', 'maxPerSecond'].some((k) => changed.has(k))) {
      this.#bridge?.[Symbol.dispose]();
      this.#bridge = this.ctx
        ? new PanelBridge({
            api: this.ctx.api,
            live: this.ctx.live,
            site: this.site,
            grant: panelGrant(this.permissions),
            maxPerSecond: this.maxPerSecond,
            ...(this.now ? { now: this.now } : {}),
            // The frame's origin is opaque ('null'), so no narrower target origin exists; the
            // reply carries only what the grant lets this frame see anyway.
            reply: (m) => this.frame?.contentWindow?.postMessage(m, '*'),
            onFlood: () => {
              this.flooded = true;
            },
            onRefusal: (r) => {
              this.refusal = r;
            },
          })
        : undefined;
    }
  }

  #receive(event: MessageEvent): void {
    const frame = this.frame;
    // Only this panel's own frame, and only while it is still sandboxed (an opaque origin).
    if (!frame?.contentWindow || event.source !== frame.contentWindow) return;
    if (event.origin !== 'null') return;
    void this.#bridge?.receive(event.data);
  }

  override render() {
    if (!panelGrant(this.permissions).panels.has(this.panel))
      return html`<p class="error" role="alert">${t('panels.notGranted', { panel: this.panel })}</p>`;
    const title = t('panels.frameTitle', {
      title: this.panelTitle || this.panel,
      plugin: this.plugin,
    });
    return html`<section>
      ${this.flooded ? html`<p class="error" role="alert">${t('panels.flood')}</p>` : ''}
      ${
        this.refusal
          ? html`<p class="warning" role="status">
              ${t('panels.refused', { message: this.refusal.message })}
            </p>`
          : ''
      }
      <iframe
        sandbox="allow-scripts"
        referrerpolicy="no-referrer"
        title=${title}
        src=${this.src ?? panelUrl(this.site, this.plugin, this.panel)}
      ></iframe>
    </section>`;
  }
}

if (!customElements.get('heng-plugin-panel'))
  customElements.define('heng-plugin-panel', HengPluginPanel);
