/**
 * @module The last push of a stopping edge: what it achieved, the line the edge prints about it,
 * and the bound on how long it may take.
 */

/** What the last push of a stopping edge achieved. */
export interface FinalPushReport {
  /**
   * `pushed`: the hub has every document; `failed`: a push failed (the hub unreachable, say;
   * `error` says why); `timeout`: the hub did not take everything within the bound; `skipped`:
   * the sync was already stopped, or the hub had refused the token.
   */
  outcome: 'pushed' | 'failed' | 'timeout' | 'skipped';
  /** Documents the last pushes wrote at the hub. */
  documents: number;
  /** Why it failed, secret-free (PouchDB's errors carry no headers). */
  error?: string;
}

/**
 * The line a stopping edge prints about its last push, and whether it is a warning; nothing for
 * `skipped` (the link state was logged when it became denied).
 *
 * @example finalPushLine({ outcome: 'pushed', documents: 3 }, 5000)
 * // → { warn: false, message: 'pushed 3 document(s) to the hub before stopping' }
 */
export function finalPushLine(
  report: FinalPushReport,
  timeoutMs: number,
): { warn: boolean; message: string } | undefined {
  const rest = 'the rest goes to the hub at the next start';
  switch (report.outcome) {
    case 'pushed':
      return {
        warn: false,
        message: `pushed ${report.documents} document(s) to the hub before stopping`,
      };
    case 'timeout':
      return {
        warn: true,
        message: `the hub took ${report.documents} document(s) in ${timeoutMs} ms; ${rest}`,
      };
    case 'failed':
      return {
        warn: true,
        message: `last push to the hub failed (${report.error ?? 'no reason given'}); ${rest}`,
      };
    case 'skipped':
      return undefined;
  }
}

/** True when `work` settles within `ms`; the timer never outlives the wait. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
