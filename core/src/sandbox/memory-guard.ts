/**
 * @module Keeps a plugin within its memory limit. QuickJS's own limit refuses one allocation
 * larger than the limit but, built for WebAssembly, does not add up large strings and typed
 * arrays (quickjs-emscripten issue 271), so the sandbox measures for itself: the shared
 * WebAssembly memory may not grow by more than the limit within one entry (checked by the
 * interrupt handler, cheaply, and again as the entry ends), and the runtime's exact usage is taken
 * after an entry whenever that memory grew, and at least every 250 ms of activity.
 */

const EXACT_CHECK_INTERVAL_MS = 250;

export class MemoryGuard {
  readonly #memory: WebAssembly.Memory;
  readonly #limit: number;
  readonly #measure: () => number;
  #atEntry = 0;
  #atLastCheck = 0;
  #lastCheck = Number.NEGATIVE_INFINITY;
  /** Set when the interrupt handler stopped an entry for growing memory. */
  tripped = false;

  constructor(memory: WebAssembly.Memory, limit: number, measure: () => number) {
    this.#memory = memory;
    this.#limit = limit;
    this.#measure = measure;
  }

  #bytes(): number {
    return this.#memory.buffer.byteLength;
  }

  /** Called as an entry into the plugin begins. */
  enter(): void {
    this.#atEntry = this.#bytes();
  }

  /** Called by the interrupt handler: true stops the entry. */
  grewTooMuch(): boolean {
    if (this.#bytes() - this.#atEntry <= this.#limit) return false;
    this.tripped = true;
    return true;
  }

  /** After an entry: the runtime's exact usage when it may have changed much; true when over. */
  overLimit(now: number): boolean {
    if (this.grewTooMuch()) return true;
    const bytes = this.#bytes();
    if (bytes === this.#atLastCheck && now - this.#lastCheck < EXACT_CHECK_INTERVAL_MS)
      return false;
    this.#atLastCheck = bytes;
    this.#lastCheck = now;
    try {
      return this.#measure() > this.#limit;
    } catch {
      // Too little memory left even to measure.
      return true;
    }
  }
}
