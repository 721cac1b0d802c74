/**
 * @module How much argument text each host call may carry. The sandbox reads the length of the
 * plugin's JSON text where it lies and refuses a longer one before copying any of it, so a
 * plugin cannot make the host copy and parse megabytes only to refuse them afterwards. Each limit
 * is the call's own value limit plus room for what surrounds the value.
 */
import type { BrokerLimits } from './op-context.ts';

/**
 * Room for what surrounds a call's big value (key, topic, title, point, reason, brackets), with
 * JSON escapes, and the whole of every call that carries no big value.
 */
export const ENVELOPE_CHARS = 16 * 1024;

/** URL and headers of a fetch, beside its body. */
export const FETCH_ENVELOPE_CHARS = 64 * 1024;

/**
 * The longest JSON text of arguments `op` accepts, in characters (never more than its UTF-8
 * bytes, so a value refused here is over its byte limit too).
 */
export function maxArgsChars(op: string, limits: BrokerLimits): number {
  switch (op) {
    case 'log':
      return limits.maxLogArgsChars;
    case 'storage.put':
    case 'events.publish':
      return limits.maxValueBytes + ENVELOPE_CHARS;
    case 'fetch':
      // A body's JSON escapes (quotes, backslashes, newlines) may double it.
      return 2 * limits.maxFetchRequestBytes + FETCH_ENVELOPE_CHARS;
    default:
      return ENVELOPE_CHARS;
  }
}
