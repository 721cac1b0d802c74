/**
 * @module Modbus TCP framing for the server side: splits a byte stream into MBAP frames and wraps
 * reply PDUs in MBAP headers. Written on node:net instead of modbus-serial's ServerTCP, which
 * defers every request by a timer (see the README's "Simulator" section).
 */

/** MBAP header: transaction id (2), protocol id (2), length (2), unit id (1). */
export const MBAP_HEADER = 7;

/** The largest PDU (function code + data) the protocol allows. */
export const MAX_PDU = 253;

/** One request taken off the stream. `pdu` is a view into the receive buffer: copy to keep it. */
export interface MbapFrame {
  transaction: number;
  unit: number;
  pdu: Buffer;
}

/**
 * Accumulates bytes from one connection and yields whole frames. A header whose protocol id is
 * not 0 or whose length is impossible cannot be resynchronised (TCP has no frame delimiter), so
 * `push` reports it and the caller closes the connection, as real devices do.
 */
export class MbapReader {
  #buffer: Buffer<ArrayBuffer> = Buffer.alloc(0);

  /**
   * Appends `chunk` and returns the complete frames now available, in order, or a string saying
   * why the stream is broken.
   */
  push(chunk: Buffer<ArrayBuffer>): MbapFrame[] | string {
    // The common case (one whole request per chunk) avoids any copy.
    const data =
      this.#buffer.length === 0
        ? chunk
        : // @types/node 24's Buffer does not type-check as TS 5.9's Uint8Array (slice's buffer type).
          Buffer.concat([this.#buffer, chunk] as unknown as Uint8Array[]);
    const frames: MbapFrame[] = [];
    let at = 0;
    while (data.length - at >= MBAP_HEADER) {
      const protocol = data.readUInt16BE(at + 2);
      const length = data.readUInt16BE(at + 4);
      if (protocol !== 0) return `MBAP protocol id ${protocol} at byte ${at} (must be 0)`;
      if (length < 2 || length > MAX_PDU + 1) {
        return `MBAP length ${length} at byte ${at} (must be 2 to ${MAX_PDU + 1})`;
      }
      const end = at + 6 + length;
      if (data.length < end) break;
      frames.push({
        transaction: data.readUInt16BE(at),
        unit: data[at + 6]!,
        pdu: data.subarray(at + MBAP_HEADER, end),
      });
      at = end;
    }
    // Keep the incomplete tail; copy it so the chunk it came from can be collected.
    this.#buffer = at === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(at));
    return frames;
  }
}

/** Wraps a reply PDU in an MBAP header that echoes the request's transaction and unit. */
export function mbapFrame(transaction: number, unit: number, pdu: Buffer): Buffer<ArrayBuffer> {
  const out = Buffer.allocUnsafe(MBAP_HEADER + pdu.length);
  out.writeUInt16BE(transaction, 0);
  out.writeUInt16BE(0, 2);
  out.writeUInt16BE(pdu.length + 1, 4);
  out[6] = unit;
  pdu.copy(out, MBAP_HEADER);
  return out;
}
