/**
 * @module How the auth routes answer with an error: the HengError's JSON under `error`, with the
 * status `httpStatusOf` gives its code, and a Bearer challenge on 401.
 */
import { HengError, httpStatusOf, toHengError } from '@heng/schemas';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The JSON body of an error reply. */
export interface ErrorBody {
  error: ReturnType<HengError['toJSON']>;
}

/**
 * The reply for an error. Anything that is not a HengError becomes `internal` with a fixed
 * message, so a stack or a store's reply never reaches the caller.
 */
export function errorResponse(c: Context, err: unknown): Response {
  const error =
    err instanceof HengError
      ? err
      : new HengError('internal', 'the hub failed to handle this request');
  if (!(err instanceof HengError))
    console.error(`${c.req.method} ${c.req.path}:`, toHengError(err).message);
  const status = httpStatusOf(error.code) as ContentfulStatusCode;
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="heng"');
  // A throttled request says when to try again.
  const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (status === 429 && typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  // The rest of a refused oversized body is not read: the connection cannot carry another request.
  if (status === 413) c.header('Connection', 'close');
  const body: ErrorBody = { error: error.toJSON() };
  return c.json(body, status);
}
