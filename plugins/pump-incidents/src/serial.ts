/**
 * @module Runs the plugin's work one piece at a time. The host may call handlers while earlier
 * calls still wait on storage; without this, two alarms of one site could both find no open incident
 * and open two.
 */

/** Returns a runner that starts each piece of work after the previous one has settled. */
export function createSerialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
