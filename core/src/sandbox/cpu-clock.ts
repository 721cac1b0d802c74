/**
 * @module The CPU time of the thread running the interpreter, where the runtime can tell
 * (`process.threadCpuUsage()` in Node ≥ 23.9 and Deno 2): a plugin's deadline counts the time it
 * computed, not the time a busy machine kept the thread waiting. Where it cannot tell (a browser),
 * the deadline falls back to wall time.
 */

/** Milliseconds of CPU time this thread has used, from some fixed start. */
export type CpuClock = () => number;

interface ThreadCpu {
  threadCpuUsage?: () => { user: number; system: number };
}

/** This thread's CPU clock, or undefined when the runtime has none. */
export const threadCpuClock: CpuClock | undefined = (() => {
  const proc = (globalThis as { process?: ThreadCpu }).process;
  const usage = proc?.threadCpuUsage;
  if (typeof usage !== 'function') return undefined;
  try {
    usage.call(proc);
  } catch {
    return undefined; // declared but not supported here
  }
  return () => {
    const { user, system } = usage.call(proc);
    return (user + system) / 1000;
  };
})();
