/**
 * @module Handler promises the host waits on. Their state is polled after each run of the
 * plugin's jobs (never `.then`-ed from the host), so no plugin-realm `Promise` or `then` the
 * plugin may have replaced runs outside the sandbox's deadline.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

export type Settlement<R> = (result: R) => void;

interface Pending<R> {
  handle: QuickJSHandle;
  settle: Settlement<R>;
}

export class PendingReplies<R> {
  readonly #vm: QuickJSContext;
  readonly #pending = new Set<Pending<R>>();

  constructor(vm: QuickJSContext) {
    this.#vm = vm;
  }

  /** Waits for `handle` (owned from now on) to settle, or for {@link drop}. */
  wait(handle: QuickJSHandle, timeoutMs: number, onTimeout: () => void): Promise<R> {
    return new Promise<R>((resolve) => {
      const timer = setTimeout(onTimeout, timeoutMs);
      this.#pending.add({
        handle,
        settle: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
      });
    });
  }

  /**
   * Settles every reply whose promise has settled: `fulfilled` gets the value's handle,
   * `rejected` the reason's (each owns the handle it is given). Stops when `alive` says so.
   */
  poll(
    alive: () => boolean,
    fulfilled: (value: QuickJSHandle) => R,
    rejected: (reason: QuickJSHandle) => R,
  ): void {
    for (const reply of this.#pending) {
      if (!alive()) return;
      const state = this.#vm.getPromiseState(reply.handle);
      if (state.type === 'pending') continue;
      this.#pending.delete(reply);
      reply.handle.dispose();
      reply.settle(state.type === 'fulfilled' ? fulfilled(state.value) : rejected(state.error));
    }
  }

  /** Settles every waiting reply with `result`; frees the handles unless the runtime is broken. */
  drop(result: R, freeHandles: boolean): void {
    for (const reply of this.#pending) {
      if (freeHandles) reply.handle.dispose();
      reply.settle(result);
    }
    this.#pending.clear();
  }
}
