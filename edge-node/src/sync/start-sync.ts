/**
 * @module An edge's replication with its hub, through the hub's sync gateway: the control
 * database both ways, continuously; every telemetry day segment pushed; retry with capped backoff
 * so an edge that was offline catches up on its own; a refused token stops everything and says
 * so; the edge's view written as `site-status/current`; a stopping edge's last push, bounded.
 */
import type { SegmentedTelemetry } from '../store/index.ts';
import { type Backoff, cappedBackoff } from './backoff.ts';
import { type FinalPushReport, settlesWithin } from './final-push.ts';
import { openRemote } from './remote.ts';
import { replicate } from './replicate.ts';
import { SiteStatusWriter, type SyncStatus, summarise } from './status.ts';
import { TelemetryPush } from './telemetry-push.ts';
import { TrackedReplication } from './tracked-replication.ts';

export interface SyncOptions {
  /** The hub's base URL; the gateway is at `<hub>/sync/<site>/<db>`. */
  hub: URL;
  site: string;
  /** The site's edge token. Never logged, never in a URL. */
  token: string;
  control: PouchDB.Database;
  telemetry: SegmentedTelemetry;
  /** Told of every change of the summed status. */
  onStatus?: (status: SyncStatus) => void;
  /**
   * How long a replication waits before trying the hub again, doubling from `initialMs` (default
   * 1 s) up to `maxMs` (default 60 s): the cap bounds how late an edge notices that the hub is
   * back, against how often an edge knocks on a hub that is away (many sites, one hub).
   */
  backoff?: Backoff;
  /** Least time between two `site-status/current` writes, ms (default 5000). */
  statusEveryMs?: number;
  /** How often to look for new telemetry segments, ms (default 10 s; 0: only on `refresh()`). */
  scanEveryMs?: number;
  now?: () => number;
}

export interface RunningSync extends AsyncDisposable {
  status(): SyncStatus;
  /** Looks for telemetry segments to push now (a new day, say). */
  refresh(): Promise<void>;
  /** For `SegmentedTelemetry.retain`: whether the hub has all of a segment. */
  isReplicated(name: string, db: PouchDB.Database): Promise<boolean>;
  /** Waits for the `site-status/current` write under way. */
  statusWritten(): Promise<void>;
  /** Waits until the catch-up pushes of older telemetry segments have finished. */
  caughtUp(): Promise<void>;
  /** Settles once every replication has stopped: after `dispose()`, or when the token is refused. */
  stopped(): Promise<void>;
  /**
   * For an edge that stops, after its last flush: pushes what waits (control documents and every
   * telemetry segment) once more, without retries, waiting at most `timeoutMs` (default 5 s);
   * the live pushes end here, the pull runs on until `dispose()`. Never throws: the report says
   * what happened, and what did not reach the hub goes at the next start.
   */
  pushPending(options?: { timeoutMs?: number }): Promise<FinalPushReport>;
  dispose(): Promise<void>;
}

/**
 * @example
 * await using sync = startSync({ hub: new URL('https://hub.example.city'), site: 'lighting-01',
 *   token, control: edge.control, telemetry: edge.segments, onStatus: (s) => console.log(s.state) });
 */
export function startSync(options: SyncOptions): RunningSync {
  const now = options.now ?? Date.now;
  const backOff = cappedBackoff(options.backoff);
  const { hub, site, token, control } = options;
  const remoteControl = openRemote({ hub, site, db: 'control', token });
  const remoteTelemetry = openRemote({ hub, site, db: 'telemetry', token });
  const writer = new SiteStatusWriter({
    control,
    site,
    now,
    ...(options.statusEveryMs !== undefined ? { everyMs: options.statusEveryMs } : {}),
  });
  let current: SyncStatus = { state: 'connecting', pending: { push: 0, pull: 0 } };
  let closing: Promise<void> | undefined;
  const all = (): TrackedReplication[] => [...controlLinks, ...telemetry.replications];
  const onUpdate = () => {
    const next = summarise(all());
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    current = next;
    writer.update(next);
    options.onStatus?.(next);
    // The hub refused the token: nothing is retried until the edge is restarted with a new one.
    if (next.state === 'denied') void stopLinks();
  };
  const live = { live: true, retry: true, back_off_function: backOff, batch_size: 200 };
  const controlPush = (options: typeof live) =>
    new TrackedReplication({
      name: 'control push',
      direction: 'push',
      local: control,
      replication: replicate('push', control, remoteControl, options),
      now,
      onUpdate,
    });
  const controlLinks = [
    controlPush(live),
    new TrackedReplication({
      name: 'control pull',
      direction: 'pull',
      local: control,
      replication: replicate('pull', control, remoteControl, live),
      now,
      onUpdate,
    }),
  ];
  const telemetry = new TelemetryPush({
    telemetry: options.telemetry,
    remote: remoteTelemetry,
    backOff,
    now,
    onUpdate,
  });
  const scanEveryMs = options.scanEveryMs ?? 10_000;
  const scan = scanEveryMs > 0 ? setInterval(() => void refresh(), scanEveryMs) : undefined;
  const refresh = () =>
    current.state === 'denied' || closing ? Promise.resolve() : telemetry.refresh();
  void refresh();

  let linksStopped: Promise<void> | undefined;
  let linksDoneResolve: () => void = () => {};
  const linksDone = new Promise<void>((resolve) => {
    linksDoneResolve = resolve;
  });
  function stopLinks(): Promise<void> {
    linksStopped ??= (async () => {
      clearInterval(scan);
      await Promise.all(controlLinks.map((link) => link.cancel()));
      await telemetry.close();
      linksDoneResolve();
    })();
    return linksStopped;
  }
  let finalPush: Promise<FinalPushReport> | undefined;
  const pushPending = ({ timeoutMs = 5000 } = {}) => {
    finalPush ??= (async (): Promise<FinalPushReport> => {
      if (closing || linksStopped || current.state === 'denied')
        return { outcome: 'skipped', documents: 0 };
      clearInterval(scan);
      await controlLinks[0]?.cancel();
      controlLinks[0] = controlPush({ ...live, live: false, retry: false });
      const pushes = [controlLinks[0], ...(await telemetry.finish())];
      const inTime = await settlesWithin(
        Promise.all(pushes.map((push) => push.stopped)),
        timeoutMs,
      );
      const documents = pushes.reduce((n, push) => n + push.docsWritten, 0);
      const failed = pushes.find((push) => push.state !== 'done');
      if (!failed) return { outcome: 'pushed', documents };
      if (!inTime) return { outcome: 'timeout', documents };
      return { outcome: 'failed', documents, error: failed.lastError ?? failed.state };
    })();
    return finalPush;
  };
  const dispose = () => {
    closing ??= (async () => {
      await stopLinks();
      await writer.close();
      await remoteControl.close();
      await remoteTelemetry.close();
    })();
    return closing;
  };
  return {
    status: () => current,
    refresh,
    isReplicated: (name, db) => telemetry.isReplicated(name, db),
    statusWritten: () => writer.idle(),
    caughtUp: () => telemetry.caughtUp(),
    stopped: () => linksDone,
    pushPending,
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}
