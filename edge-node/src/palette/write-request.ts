/**
 * @module What a `heng write` node writes for a message: the point (the node's, else the
 * message's), the value (`msg.payload`, or `msg.payload.value` with `{ point, value }`) and why
 * (`msg.reason`, else the node's). No write leaves without a reason: it is the trace an operator
 * reads later. A message that says too little is refused with the field that is missing.
 */
import { HengError } from '@heng/schemas';

/** One write a message asks for. */
export interface WriteRequest {
  point: string;
  value: unknown;
  reason: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * @example
 * ```ts
 * writeRequestOf({ payload: 40, reason: 'night plan' }, { point: 'dimming' }, 'lamp-7');
 * // { point: 'dimming', value: 40, reason: 'night plan' }
 * const msg = { payload: { point: 'lamp-1-on', value: false } };
 * writeRequestOf(msg, { reason: 'maintenance' }, 'lamp-7');
 * // { point: 'lamp-1-on', value: false, reason: 'maintenance' }
 * ```
 */
export function writeRequestOf(
  msg: { payload?: unknown; point?: unknown; reason?: unknown },
  config: { point?: unknown; reason?: unknown },
  device: string,
): WriteRequest {
  const { payload } = msg;
  const pair =
    payload !== null && typeof payload === 'object' && !Array.isArray(payload) && 'value' in payload
      ? (payload as { point?: unknown; value: unknown })
      : undefined;
  const point = text(config.point) || text(pair?.point) || text(msg.point);
  if (!point) {
    throw new HengError(
      'invalid_input',
      `write to device "${device}": no point (set one on the node, msg.point or msg.payload.point)`,
    );
  }
  const value = pair ? pair.value : payload;
  if (value === undefined || value === null || (typeof value === 'object' && !pair)) {
    throw new HengError(
      'invalid_input',
      `write to point "${point}" of device "${device}": msg.payload must be the value or { point, value }`,
    );
  }
  const reason = text(msg.reason) || text(config.reason);
  if (!reason) {
    throw new HengError(
      'invalid_input',
      `write to point "${point}" of device "${device}" needs a reason (msg.reason or the node's)`,
    );
  }
  return { point, value, reason };
}
