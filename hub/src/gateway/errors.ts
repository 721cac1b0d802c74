/**
 * @module How the gateway says no: a HengError turned into the `{error, reason}` body CouchDB
 * sends, so that PouchDB on the edge reads it as it would read CouchDB's own refusal.
 */
import { HengError, type HengErrorCode, httpStatusOf } from '@heng/schemas';

/** CouchDB's `error` word for each of our codes (PouchDB turns it into the error's name). */
function couchErrorName(code: HengErrorCode): string {
  switch (code) {
    case 'unauthenticated':
      return 'unauthorized';
    case 'permission_denied':
      return 'forbidden';
    case 'not_found':
      return 'not_found';
    case 'payload_too_large':
      return 'too_large';
    case 'invalid_input':
      return 'bad_request';
    case 'conflict':
      return 'conflict';
    case 'store_unavailable':
      return 'service_unavailable';
    default:
      return 'internal_server_error';
  }
}

/** The HTTP reply to a refused or failed sync request: CouchDB's shape plus our stable code. */
export function couchErrorResponse(err: HengError): Response {
  const body = { error: couchErrorName(err.code), reason: err.message, code: err.code };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  // CouchDB asks for credentials the same way; PouchDB ignores it, curl users are helped by it.
  if (err.code === 'unauthenticated') headers['www-authenticate'] = 'Bearer realm="heng-sync"';
  return new Response(`${JSON.stringify(body)}\n`, { status: httpStatusOf(err.code), headers });
}

/** A refusal: 403 with what was refused and why. */
export function forbidden(reason: string): HengError {
  return new HengError('permission_denied', reason);
}
