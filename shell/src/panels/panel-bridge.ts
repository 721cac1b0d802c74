/**
 * @module The message bridge between a plugin's sandboxed panel and the hub: it answers only what
 * the plugin's grant covers (latest telemetry of readable points, commands to commandable points),
 * refuses everything else with an error reply, and drops a flood of messages, reporting it once.
 */
import type { Command, CommandOutcome, TelemetryBatch } from '@heng/schemas';
import { type ApiClient, ApiError } from '../api/index.ts';
import { t } from '../i18n/index.ts';
import type { LiveFeed } from '../live/index.ts';
import { type PanelGrant, pointAt, pointMatcher } from './point-grant.ts';
import './messages.ts';

/** What the bridge sends back to the panel for a request `id`. */
export type BridgeReply =
  | { id: string | null; ok: true; result: unknown }
  | { id: string | null; ok: false; error: { code: string; message: string } };

/** A request the bridge refused, for the shell to show. */
export interface Refusal {
  code: string;
  message: string;
}

/** What a bridge needs. */
export interface BridgeOptions {
  api: ApiClient;
  live: LiveFeed;
  site: string;
  grant: PanelGrant;
  /** Sends a reply into the panel's frame. */
  reply: (message: BridgeReply) => void;
  /** Called once, on the first message dropped for flooding. */
  onFlood?: () => void;
  /** Called on every refusal (the shell shows the latest). */
  onRefusal?: (refusal: Refusal) => void;
  /** Messages accepted per second; more are dropped (default 20). */
  maxPerSecond?: number;
  /** How long to wait for a command's outcome before answering without it (default 60 s). */
  outcomeWaitMs?: number;
  /** The clock, in ms; tests pass their own. */
  now?: () => number;
}

class Refused extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * One panel's bridge. Feed it the `data` of each message that came from the panel's frame; it
 * never throws and answers each request once.
 *
 * @example
 * const bridge = new PanelBridge({ api, live, site, grant, reply: (m) => frame.postMessage(m, '*') });
 * bridge.receive({ id: '1', kind: 'telemetry.latest', points: ['lamp-1/dimming'] });
 */
export class PanelBridge implements Disposable {
  readonly #o: BridgeOptions;
  readonly #now: () => number;
  readonly #max: number;
  readonly #cleanups = new Set<() => void>();
  #window: number[] = [];
  #flooded = false;
  #disposed = false;
  /** Messages dropped for flooding so far. */
  dropped = 0;

  constructor(options: BridgeOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => performance.now());
    this.#max = options.maxPerSecond ?? 20;
  }

  /** Handles one message from the panel; resolves once it is answered (or dropped). */
  async receive(data: unknown): Promise<void> {
    if (this.#disposed || !this.#admit()) return;
    const id = requestId(data);
    try {
      const result = await this.#answer(data);
      this.#send({ id, ok: true, result });
    } catch (err) {
      const error =
        err instanceof Refused
          ? { code: err.code, message: err.message }
          : err instanceof ApiError
            ? { code: err.code, message: err.friendly }
            : { code: 'internal', message: String(err) };
      if (err instanceof Refused) this.#o.onRefusal?.(error);
      this.#send({ id, ok: false, error });
    }
  }

  [Symbol.dispose](): void {
    this.#disposed = true;
    for (const cleanup of this.#cleanups) cleanup();
    this.#cleanups.clear();
  }

  /** Sliding one-second window: a panel cannot make the shell call the hub without bound. */
  #admit(): boolean {
    const now = this.#now();
    this.#window = this.#window.filter((at) => now - at < 1000);
    if (this.#window.length >= this.#max) {
      this.dropped++;
      if (!this.#flooded) {
        this.#flooded = true;
        this.#o.onFlood?.();
      }
      return false;
    }
    this.#window.push(now);
    return true;
  }

  #send(message: BridgeReply): void {
    if (!this.#disposed) this.#o.reply(message);
  }

  async #answer(data: unknown): Promise<unknown> {
    // The id is optional (a panel that wants no answer may leave it out), but must be sane.
    if (!isRecord(data) || (data.id !== undefined && requestId(data) === null))
      throw new Refused('invalid_request', t('panels.badRequest'));
    if (data.kind === 'telemetry.latest') return this.#latest(data.points);
    if (data.kind === 'command.send') return this.#command(data);
    throw new Refused('unsupported', t('panels.unsupported', { kind: String(data.kind) }));
  }

  async #latest(points: unknown): Promise<unknown> {
    if (!Array.isArray(points) || points.length === 0 || points.length > 100)
      throw new Refused('invalid_request', t('panels.badPoints'));
    // Names may be patterns (`+/dimming`), each wholly inside the grant: a panel cannot know
    // the site's devices otherwise.
    const wanted = points.map((name) => {
      const pattern = pointAt(this.#o.site, name, true);
      if (!pattern || !this.#o.grant.readsAll(pattern))
        throw new Refused('not_granted', t('panels.readDenied', { point: String(name) }));
      return pattern;
    });
    const match = pointMatcher(wanted);
    const site = encodeURIComponent(this.#o.site);
    const { batches } = await this.#o.api.get<{ batches: TelemetryBatch[] }>(
      `/api/sites/${site}/telemetry`,
      { limit: 200 },
    );
    const latest = new Map<
      string,
      { point: string; value: unknown; quality: string; ts: string }
    >();
    for (const batch of batches)
      for (const r of batch.readings) {
        const point = `${this.#o.site}/${batch.device}/${r.point}`;
        const seen = latest.get(point);
        // The grant is checked again per reading: the pattern check is the gate, this the belt.
        if (match(point) && this.#o.grant.read(point) && (!seen || seen.ts < r.ts))
          latest.set(point, { point, value: r.value, quality: r.quality, ts: r.ts });
      }
    return { readings: [...latest.values()].sort((a, b) => a.point.localeCompare(b.point)) };
  }

  async #command(data: Record<string, unknown>): Promise<unknown> {
    const point = pointAt(this.#o.site, data.point);
    if (!point || !this.#o.grant.command(point))
      throw new Refused('not_granted', t('panels.commandDenied', { point: String(data.point) }));
    const { value, reason } = data;
    if (!['number', 'boolean', 'string'].includes(typeof value))
      throw new Refused('invalid_request', t('panels.badValue'));
    if (typeof reason !== 'string' || reason.trim() === '' || reason.length > 500)
      throw new Refused('invalid_request', t('panels.badReason'));
    const [, device, name] = point.split('/');
    const site = encodeURIComponent(this.#o.site);
    // Listen before sending: the outcome may come back before the hub's answer does.
    const outcomes = new Map<string, CommandOutcome>();
    const stop = this.#o.live.on('outcome', ({ outcome }) =>
      outcomes.set(outcome.commandId, outcome),
    );
    this.#cleanups.add(stop);
    try {
      const { command } = await this.#o.api.post<{ command: Command }>(
        `/api/sites/${site}/commands`,
        { device, point: name, value, reason },
      );
      const outcome = await this.#outcomeOf(command.id, outcomes);
      return { commandId: command.id, outcome: outcome ?? null };
    } finally {
      stop();
      this.#cleanups.delete(stop);
    }
  }

  /** The outcome from the live feed, or asked of the hub when the feed is down or slow. */
  async #outcomeOf(
    commandId: string,
    seen: Map<string, CommandOutcome>,
  ): Promise<CommandOutcome | undefined> {
    const ask = async () =>
      (
        await this.#o.api.get<{ outcome: CommandOutcome | null }>(
          `/api/sites/${encodeURIComponent(this.#o.site)}/commands/${encodeURIComponent(commandId)}`,
        )
      ).outcome ?? undefined;
    if (seen.has(commandId)) return seen.get(commandId);
    if (this.#o.live.state !== 'live') {
      const found = await ask();
      if (found) return found;
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined, true), this.#o.outcomeWaitMs ?? 60_000);
      const stop = this.#o.live.on('outcome', ({ outcome }) => {
        if (outcome.commandId === commandId) done(outcome, false);
      });
      const done = (outcome: CommandOutcome | undefined, askFirst: boolean) => {
        clearTimeout(timer);
        stop();
        this.#cleanups.delete(cancel);
        if (!askFirst) return resolve(outcome);
        ask().then(resolve, () => resolve(undefined));
      };
      const cancel = () => done(undefined, false);
      this.#cleanups.add(cancel);
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestId(data: unknown): string | null {
  return isRecord(data) && typeof data.id === 'string' && data.id.length <= 64 ? data.id : null;
}
