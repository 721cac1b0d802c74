/** @module The refusal of a sign-in that must wait: 429 `rate_limited` with `Retry-After`. */
import { RateLimitedError } from '@heng/schemas';

/** A sign-in refused for now; `retryAfterSeconds` goes out as the `Retry-After` header. */
export class ThrottledError extends RateLimitedError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
}
