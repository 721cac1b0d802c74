/** @module A Lit reactive controller that re-renders its host when the language changes. */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLocaleChange } from './locale.ts';

/**
 * Add to any Lit element that calls `t()` in `render()`, so a language switch redraws it.
 *
 * @example
 * class MyView extends LitElement {
 *   constructor() { super(); new LocaleController(this); }
 *   render() { return html`<h1>${t('my.title')}</h1>`; }
 * }
 */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe = onLocaleChange(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
