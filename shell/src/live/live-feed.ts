/**
 * @module The hub's live updates (`GET /api/live`, server-sent events) with reconnection, and the
 * connection's state so the shell can say when the hub is unreachable.
 */
import type { SiteApp } from '../apps/app-actions.ts';

/** A site's sync state changed (the body of a `site` event). */
export interface LiveSite {
  site: string;
  sync: {
    online: boolean;
    lastSeen: string | null;
    pending: { push: number | null; pull: number | null };
    lagMs: number | null;
    reportedAt: string | null;
  };
}

/**
 * An installed app changed at a place (a site, or `hub`): its install record or the report of
 * whoever runs it. The same `{ install, status }` as `GET /api/sites/:site/apps/:plugin`, with the
 * place and the plugin id; `install` is null only when the record was deleted outright.
 */
export interface LiveApp {
  site: string;
  plugin: string;
  install: SiteApp['install'] | null;
  status: SiteApp['status'];
}

/** What each kind of live message carries; `event` and `outcome` carry the document and its site. */
export interface LiveMessages {
  site: LiveSite;
  event: { site: string; event: import('@heng/schemas').HengEvent };
  outcome: { site: string; outcome: import('@heng/schemas').CommandOutcome };
  app: LiveApp;
}

/** Every kind of message the hub sends. */
const KINDS: ReadonlyArray<keyof LiveMessages> = ['site', 'event', 'outcome', 'app'];

/** `connecting` before the first open, `live` while open, `down` while the hub is unreachable. */
export type LiveState = 'connecting' | 'live' | 'down';

/** Makes the EventSource; tests pass a fake. */
export type EventSourceFactory = (url: string) => EventSource;

type Listener<K extends keyof LiveMessages> = (message: LiveMessages[K]) => void;

/**
 * One connection to `/api/live` shared by every view. EventSource reconnects by itself after a
 * dropped stream (using the hub's `retry:` hint); when the hub refuses or is down it gives up,
 * so then this reconnects with a backoff (1 s doubling to 30 s).
 */
export class LiveFeed implements Disposable {
  readonly #url: string;
  readonly #create: EventSourceFactory;
  readonly #listeners = new Map<keyof LiveMessages, Set<Listener<never>>>();
  readonly #stateListeners = new Set<(state: LiveState) => void>();
  #source: EventSource | undefined;
  #state: LiveState = 'connecting';
  #backoffMs = 1000;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(url = '/api/live', create: EventSourceFactory = (u) => new EventSource(u)) {
    this.#url = url;
    this.#create = create;
  }

  get state(): LiveState {
    return this.#state;
  }

  /** Opens the connection (again); harmless when already open. */
  connect(): void {
    if (this.#disposed || this.#source) return;
    clearTimeout(this.#timer);
    const source = this.#create(this.#url);
    this.#source = source;
    source.onopen = () => {
      this.#backoffMs = 1000;
      this.#setState('live');
    };
    source.onerror = () => {
      this.#setState('down');
      if (source.readyState === EventSource.CLOSED) this.#retryLater();
    };
    for (const kind of KINDS)
      source.addEventListener(kind, (e) => this.#dispatch(kind, (e as MessageEvent).data));
  }

  /** Calls `listener` for each message of `kind`; returns the unsubscribe function. */
  on<K extends keyof LiveMessages>(kind: K, listener: Listener<K>): () => void {
    const set = this.#listeners.get(kind) ?? new Set();
    this.#listeners.set(kind, set);
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Calls `listener` on every change of {@link state}; returns the unsubscribe function. */
  onState(listener: (state: LiveState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Closes the connection (sign-out); {@link connect} opens it again. */
  close(): void {
    clearTimeout(this.#timer);
    this.#source?.close();
    this.#source = undefined;
    this.#setState('connecting');
  }

  [Symbol.dispose](): void {
    this.#disposed = true;
    this.close();
    this.#listeners.clear();
    this.#stateListeners.clear();
  }

  #retryLater(): void {
    this.#source?.close();
    this.#source = undefined;
    this.#timer = setTimeout(() => this.connect(), this.#backoffMs);
    this.#backoffMs = Math.min(this.#backoffMs * 2, 30_000);
  }

  #dispatch(kind: keyof LiveMessages, data: string): void {
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return; // A garbled message is dropped; the next state change corrects the view.
    }
    for (const listener of this.#listeners.get(kind) ?? [])
      (listener as Listener<never>)(message as never);
  }

  #setState(state: LiveState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}
