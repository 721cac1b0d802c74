/**
 * @module Teardown in the reverse order of setup, for composition roots (`startHub`,
 * `startEdge`): what a start that fails half-way has opened is closed, and a running service's
 * close is the same list. The shape of the standard `AsyncDisposableStack` (`defer`, `adopt`,
 * `move`, `disposeAsync`), which Node 22 lacks; swap it in when Node 22 is no longer supported.
 */

type Step = () => unknown;

export class CleanupStack implements AsyncDisposable {
  #steps: Step[] = [];
  #disposing: Promise<void> | undefined;

  /** Runs `onDispose` at disposal, before everything registered earlier. */
  defer(onDispose: Step): void {
    if (this.#disposing) throw new Error('CleanupStack: already disposed');
    this.#steps.push(onDispose);
  }

  /** Registers how to release `value` and returns it, so setup reads as one line per resource. */
  adopt<T>(value: T, onDispose: (value: T) => unknown): T {
    this.defer(() => onDispose(value));
    return value;
  }

  /** Hands every step to a new stack (the running service) and leaves this one empty. */
  move(): CleanupStack {
    const next = new CleanupStack();
    next.#steps = this.#steps;
    this.#steps = [];
    return next;
  }

  /**
   * Runs every step, last registered first, each even when an earlier one failed; then throws
   * the failure (an AggregateError when several failed). Every later call gets the same promise.
   */
  disposeAsync(): Promise<void> {
    this.#disposing ??= this.#run();
    return this.#disposing;
  }

  async #run(): Promise<void> {
    const failures: unknown[] = [];
    for (const step of this.#steps.reverse()) {
      try {
        await step();
      } catch (err) {
        failures.push(err);
      }
    }
    this.#steps = [];
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1)
      throw new AggregateError(failures, 'several steps of a cleanup failed');
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.disposeAsync();
  }
}
