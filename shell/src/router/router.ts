/** @module Follows the URL's hash and tells subscribers where the shell now is. */
import { hrefOf, parseRoute, type Route } from './routes.ts';

/**
 * The current route, kept in step with `location.hash` (back and forward buttons included).
 * Dispose it to stop listening.
 */
export class HashRouter implements Disposable {
  #route: Route;
  readonly #listeners = new Set<(route: Route) => void>();
  readonly #onHashChange = () => this.#emit();

  constructor() {
    this.#route = parseRoute(location.hash);
    addEventListener('hashchange', this.#onHashChange);
  }

  get route(): Route {
    return this.#route;
  }

  /** Goes to `route`; `replace` keeps the history entry (e.g. redirect to sign-in). */
  go(route: Route, options: { replace?: boolean } = {}): void {
    const href = hrefOf(route);
    if (options.replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
    this.#emit();
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (route: Route) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(): void {
    this.#route = parseRoute(location.hash);
    for (const listener of this.#listeners) listener(this.#route);
  }

  [Symbol.dispose](): void {
    removeEventListener('hashchange', this.#onHashChange);
    this.#listeners.clear();
  }
}
