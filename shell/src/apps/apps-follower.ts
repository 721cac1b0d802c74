/**
 * @module Keeps an installed-apps view current: the hub's live `app` messages replace a row as
 * soon as an install record or its report changes, and only while the live feed is not open does
 * the view ask `GET …/apps` again, slowly, until every edge has caught up.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveApp, LiveState } from '../live/index.ts';
import type { ShellContext } from '../session/index.ts';
import type { SiteApp } from './app-actions.ts';

/** What the edge reports once it has applied an install record's wanted state. */
const EDGE_STATE_OF: Record<string, string> = {
  active: 'active',
  stopped: 'stopped',
  installed: 'installed',
  uninstalled: 'uninstalled',
};

/** States the edge stays in until someone acts: no use asking again for them. */
const FINAL_AT_EDGE = new Set(['failed', 'quarantined', 'refused', 'revoked']);

/** Whether the edge has yet to report what the install record now wants. */
export function awaitingEdge({ install, status }: SiteApp): boolean {
  if (!status) return install.state !== 'uninstalled';
  if (!status.current) return true;
  return status.state !== EDGE_STATE_OF[install.state] && !FINAL_AT_EDGE.has(status.state);
}

/**
 * `apps` with the app of `message` replaced, added (a new install, after the list) or, when its
 * install record is gone, removed.
 */
export function withLiveApp(apps: readonly SiteApp[], message: LiveApp): SiteApp[] {
  const { install, status } = message;
  const at = apps.findIndex((a) => a.install.plugin.id === message.plugin);
  if (!install) return apps.filter((_, i) => i !== at);
  const app: SiteApp = { install, status };
  return at < 0 ? [...apps, app] : apps.map((a, i) => (i === at ? app : a));
}

/** The view the follower keeps current. */
export interface FollowedView extends ReactiveControllerHost {
  readonly ctx: ShellContext;
  readonly site: string;
  apps: SiteApp[] | null;
  /** How soon to ask again, while the live feed is not open and an edge has not caught up (ms). */
  readonly fallbackMs: number;
  readonly isConnected: boolean;
  load(): Promise<void>;
}

/** Follows one place's apps for its view; the view routes its loads through {@link track}. */
export class AppsFollower implements ReactiveController {
  readonly #view: FollowedView;
  readonly #stops: Array<() => void> = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #loads = 0;
  /** A message came while a load was in flight: the load's answer may be older than it. */
  #missed = false;

  constructor(view: FollowedView) {
    this.#view = view;
    view.addController(this);
  }

  hostConnected(): void {
    const { live } = this.#view.ctx;
    this.#stops.push(
      live.on('app', (m) => this.#message(m)),
      live.onState((state) => this.#state(state)),
    );
  }

  hostDisconnected(): void {
    for (const stop of this.#stops.splice(0)) stop();
    clearTimeout(this.#timer);
  }

  /** Runs one load of the list; loads again when a message came meanwhile, then plans a fallback. */
  async track(load: () => Promise<void>): Promise<void> {
    this.#loads++;
    try {
      await load();
    } finally {
      this.#loads--;
    }
    if (this.#missed && this.#loads === 0 && this.#view.isConnected) {
      this.#missed = false;
      return this.track(load);
    }
    this.#plan();
  }

  #message(m: LiveApp): void {
    if (m.site !== this.#view.site) return;
    if (this.#loads > 0) this.#missed = true;
    else if (this.#view.apps) this.#view.apps = withLiveApp(this.#view.apps, m);
    this.#plan();
  }

  #state(state: LiveState): void {
    // Back live: what changed while the feed was shut is read once; messages say the rest.
    if (state === 'live') void this.#view.load();
    else this.#plan();
  }

  /** Asks again later only while no message can come and some edge has yet to catch up. */
  #plan(): void {
    clearTimeout(this.#timer);
    const v = this.#view;
    if (v.isConnected && v.ctx.live.state !== 'live' && v.apps?.some(awaitingEdge))
      this.#timer = setTimeout(() => void v.load(), v.fallbackMs);
  }
}
