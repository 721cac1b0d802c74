/**
 * @module Fault injection for the simulator: what a misbehaving device does to one request (reply
 * late, not at all, with an exception, with a malformed frame) and when it hangs up.
 */
import { HengError } from '@heng/schemas';

/** Faults to inject; every field is optional and all can be combined. */
export interface FaultOptions {
  /** Reply this many milliseconds late. */
  delayMs?: number;
  /** Fraction (0..1) of requests that get no reply at all, as if lost. */
  timeoutRate?: number;
  /** Answer with this exception code: every request, or those whose span covers `address`. */
  exception?: { code: number; address?: number };
  /** Close the connection after answering this many requests on it. */
  dropAfter?: number;
  /** Fraction (0..1) of replies sent malformed: the PDU cut one byte short. */
  garbleRate?: number;
}

/** What to do with one request, decided before it is answered. */
export type FaultDecision = 'answer' | 'drop' | { exception: number };

/** A fault option or flag has a value out of range; `option` names it. */
export class FaultOptionError extends HengError {
  readonly option: string;
  constructor(option: string, message: string) {
    super('invalid_input', `simulator fault option ${option}: ${message}`);
    this.option = option;
  }
}

/** Checks `faults` and returns them; throws FaultOptionError naming the first bad option. */
export function checkFaults(faults: FaultOptions): FaultOptions {
  const rate = (name: string, v: number | undefined) => {
    if (v !== undefined && !(v >= 0 && v <= 1)) {
      throw new FaultOptionError(name, `${v} is not a fraction between 0 and 1`);
    }
  };
  rate('timeoutRate', faults.timeoutRate);
  rate('garbleRate', faults.garbleRate);
  if (faults.delayMs !== undefined && !(Number.isFinite(faults.delayMs) && faults.delayMs >= 0)) {
    throw new FaultOptionError('delayMs', `${faults.delayMs} is not a number of milliseconds ≥ 0`);
  }
  if (
    faults.dropAfter !== undefined &&
    !(Number.isInteger(faults.dropAfter) && faults.dropAfter >= 1)
  ) {
    throw new FaultOptionError('dropAfter', `${faults.dropAfter} is not a whole number ≥ 1`);
  }
  const ex = faults.exception;
  if (ex && !(Number.isInteger(ex.code) && ex.code >= 1 && ex.code <= 255)) {
    throw new FaultOptionError('exception', `code ${ex.code} is not an exception code 1 to 255`);
  }
  if (
    ex?.address !== undefined &&
    !(Number.isInteger(ex.address) && ex.address >= 0 && ex.address <= 65535)
  ) {
    throw new FaultOptionError('exception', `address ${ex.address} is not 0 to 65535`);
  }
  return faults;
}

/** Parses the `--exception CODE[@ADDR]` flag, e.g. "4" or "2@100" (code may be hex, "0x0b"). */
export function parseExceptionFlag(text: string): { code: number; address?: number } {
  const match = /^(0x[0-9a-f]+|\d+)(?:@(\d+))?$/i.exec(text.trim());
  if (!match) {
    throw new FaultOptionError('--exception', `"${text}" is not CODE or CODE@ADDRESS, e.g. 2@100`);
  }
  const code = Number(match[1]);
  return checkFaults({
    exception: match[2] === undefined ? { code } : { code, address: Number(match[2]) },
  }).exception!;
}

/** The span a request PDU touches (function codes 1-6, 15, 16), or undefined for others. */
function spanOf(pdu: Buffer): { address: number; count: number } | undefined {
  const fc = pdu[0];
  if (pdu.length < 5 || fc === undefined) return undefined;
  const address = pdu.readUInt16BE(1);
  if (fc === 5 || fc === 6) return { address, count: 1 };
  if ((fc >= 1 && fc <= 4) || fc === 15 || fc === 16)
    return { address, count: pdu.readUInt16BE(3) };
  return undefined;
}

/** Decides the fault for one request. `random` is injectable so tests are deterministic. */
export function decideFault(
  faults: FaultOptions,
  pdu: Buffer,
  random: () => number,
): FaultDecision {
  if (faults.timeoutRate && random() < faults.timeoutRate) return 'drop';
  const ex = faults.exception;
  if (ex) {
    if (ex.address === undefined) return { exception: ex.code };
    const span = spanOf(pdu);
    if (span && ex.address >= span.address && ex.address < span.address + span.count) {
      return { exception: ex.code };
    }
  }
  return 'answer';
}

/** Cuts a reply frame one byte short and fixes the MBAP length to match, so it is well framed
 * but its PDU is malformed (a byte count that does not match the data that follows). */
export function garble(frame: Buffer): Buffer<ArrayBuffer> {
  const out = Buffer.from(frame.subarray(0, frame.length - 1));
  out.writeUInt16BE(out.length - 6, 4);
  return out;
}
