/**
 * @module One plugin's QuickJS runtime: loads its bundle, dispatches calls to its handlers with a
 * CPU deadline, memory and stack limits, and carries its host calls to the broker.
 */
import { HengError, type HengErrorJSON, PluginFaultError } from '@heng/schemas';
import type {
  QuickJSContext,
  QuickJSDeferredPromise,
  QuickJSHandle,
  QuickJSRuntime,
} from 'quickjs-emscripten-core';
import type { ApiShape } from '../capabilities/api-shape.ts';
import type { HostBridge } from '../capabilities/types.ts';
import { classifyFault, type FaultInfo } from './faults.ts';
import { hostCall } from './host-call.ts';
import { MemoryGuard } from './memory-guard.ts';
import { type CallKind, PRELUDE } from './prelude.ts';
import { loadQuickJS, type QuickJSModuleLike } from './quickjs.ts';

/** Limits of one sandbox, in the units the runtime uses. */
export interface SandboxLimits {
  memoryBytes: number;
  stackBytes: number;
  /** CPU time one synchronous entry into the plugin may take. */
  callTimeoutMs: number;
  /** Wall time a handler's promise may take to settle. */
  asyncTimeoutMs: number;
  /** CPU time for evaluating the bundle's top level (parsing a big bundle takes longer than a call). */
  loadTimeoutMs: number;
  /** Largest JSON a handler may return. */
  maxResultBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 16 * 1024 * 1024,
  stackBytes: 48 * 1024,
  callTimeoutMs: 50,
  asyncTimeoutMs: 5000,
  loadTimeoutMs: 500,
  maxResultBytes: 1024 * 1024,
};

export interface SandboxOptions {
  pluginId: string;
  bridge: HostBridge;
  /** Which optional namespaces the plugin's `heng` object gets (from its grant). */
  api: Partial<ApiShape>;
  limits?: Partial<SandboxLimits>;
  /** For tests: a leak-checking wrapper of the QuickJS module. */
  module?: QuickJSModuleLike;
  /** Told once, after the current entry has unwound, when the sandbox faults. */
  onFault?: (error: PluginFaultError) => void;
}

/** What a call into the plugin gives back: never a thrown host exception. */
export type CallResult = { value: unknown } | { error: HengErrorJSON };

/** A handler's promise the host waits on, polled (never `.then`-ed) after each run of jobs. */
interface PendingReply {
  handle: QuickJSHandle;
  settle(result: CallResult): void;
}

const MAX_JOBS_PER_SLICE = 1000;
const PRELUDE_TIMEOUT_MS = 2000;

/**
 * A plugin's sandbox. Create with {@link PluginSandbox.create}, then {@link load} its bundle.
 *
 * @example
 * await using box = await PluginSandbox.create({ pluginId: 'com.example.x', bridge, api: {} });
 * box.load('export default { onEvent(e) { return e.payload.n * 2 } }', {});
 * await box.call('event', { payload: { n: 21 } }); // { value: 42 }
 */
export class PluginSandbox {
  readonly pluginId: string;
  readonly limits: SandboxLimits;
  #runtime: QuickJSRuntime;
  #vm: QuickJSContext;
  #memory: MemoryGuard;
  #onFault: ((error: PluginFaultError) => void) | undefined;
  #dispatch: QuickJSHandle | undefined;
  #install: QuickJSHandle | undefined;
  #kinds = new Map<CallKind, QuickJSHandle>();
  #handlers = new Set<string>();
  #deadline = Number.POSITIVE_INFINITY;
  #busy = false;
  #fault: PluginFaultError | undefined;
  #disposed = false;
  #poisoned = false;
  /** True while the promise jobs of an entry run, as part of that entry. */
  #finishing = false;
  #deferreds = new Set<QuickJSDeferredPromise>();
  #replies = new Set<PendingReply>();

  static async create(options: SandboxOptions): Promise<PluginSandbox> {
    const module = options.module ?? (await loadQuickJS());
    return new PluginSandbox(module, options);
  }

  private constructor(module: QuickJSModuleLike, options: SandboxOptions) {
    this.pluginId = options.pluginId;
    this.limits = { ...DEFAULT_SANDBOX_LIMITS, ...options.limits };
    this.#onFault = options.onFault;
    this.#runtime = module.newRuntime();
    this.#runtime.setMemoryLimit(this.limits.memoryBytes);
    this.#runtime.setMaxStackSize(this.limits.stackBytes);
    this.#memory = new MemoryGuard(module.getWasmMemory(), this.limits.memoryBytes, () =>
      this.memoryUsed(),
    );
    this.#runtime.setInterruptHandler(
      () => performance.now() > this.#deadline || this.#memory.grewTooMuch(),
    );
    this.#vm = this.#runtime.newContext();
    this.#installPrelude(options.api, options.bridge);
  }

  /** Handler kinds the loaded plugin defines. */
  get handlers(): ReadonlySet<string> {
    return this.#handlers;
  }

  /** The fault that stopped this sandbox, if any. */
  get fault(): PluginFaultError | undefined {
    return this.#fault;
  }

  get alive(): boolean {
    return !this.#disposed && !this.#fault;
  }

  /** Bytes the plugin's runtime uses now (an exact walk of its heap: not for hot paths). */
  memoryUsed(): number {
    const usage = this.#runtime.computeMemoryUsage();
    try {
      const used = this.#vm.getProp(usage, 'memory_used_size');
      const bytes = this.#vm.getNumber(used);
      used.dispose();
      return bytes;
    } finally {
      usage.dispose();
    }
  }

  #installPrelude(api: Partial<ApiShape>, bridge: HostBridge): void {
    const vm = this.#vm;
    const site = {
      vm,
      bridge,
      pending: this.#deferreds,
      alive: () => this.alive,
      pump: () => this.#pump(),
    };
    const host = vm.newFunction('__hengHost', (op, args) => hostCall(site, op, args));
    vm.setProp(vm.global, '__hengHost', host);
    host.dispose();
    const shape = vm.newString(JSON.stringify(api));
    vm.setProp(vm.global, '__hengShape', shape);
    shape.dispose();
    // Trusted code, but the first run in a process also pays for WebAssembly tier-up.
    const result = this.#enter(
      () => vm.evalCode(PRELUDE, 'heng:prelude', { type: 'global' }),
      PRELUDE_TIMEOUT_MS,
    );
    const pair = vm.unwrapResult(result);
    this.#install = vm.getProp(pair, 'install');
    this.#dispatch = vm.getProp(pair, 'dispatch');
    pair.dispose();
  }

  /**
   * Parses the bundle as an ES module without running any of it; throws `bundle_invalid`. (The
   * module is evaluated behind a leading `throw`: parsing and linking happen, no plugin code runs.)
   */
  compile(bundle: string): void {
    const probe = this.#evaluate(`throw ${JSON.stringify(COMPILED)};${bundle}`);
    if ('namespace' in probe) {
      probe.namespace.dispose();
      return;
    }
    if (probe.info.message === COMPILED) return;
    throw new HengError(
      'bundle_invalid',
      `bundle of ${this.pluginId} does not parse: ${probe.info.name ?? 'Error'}: ${probe.info.message ?? ''}`,
    );
  }

  /**
   * Evaluates the plugin's bundle (an ES module whose default export is the plugin definition)
   * and hands it its config. Throws `bundle_invalid` when the bundle does not parse or does not
   * export a plugin, and a plugin fault when its top level throws or runs away.
   */
  load(bundle: string, config: unknown): void {
    const vm = this.#vm;
    const evaluated = this.#evaluate(bundle);
    if ('info' in evaluated) {
      if (evaluated.info.name === 'SyntaxError') {
        throw new HengError(
          'bundle_invalid',
          `bundle of ${this.pluginId} does not parse: ${evaluated.info.message}`,
        );
      }
      throw this.#faulted(evaluated.info);
    }
    const { namespace } = evaluated;
    if (vm.typeof(namespace) !== 'object') {
      namespace.dispose();
      throw new HengError('bundle_invalid', `bundle of ${this.pluginId} is not an ES module`);
    }
    const definition = vm.getProp(namespace, 'default');
    namespace.dispose();
    const configJson = vm.newString(JSON.stringify(config ?? {}));
    const installed = this.#enter(() =>
      vm.callFunction(this.#install!, vm.undefined, definition, configJson),
    );
    definition.dispose();
    configJson.dispose();
    if (installed.error) {
      const info = this.#describe(installed.error);
      if (info.name === 'TypeError' && info.message?.startsWith('the bundle must export')) {
        throw new HengError('bundle_invalid', `bundle of ${this.pluginId}: ${info.message}`);
      }
      throw this.#faulted(info);
    }
    const present = this.#parseReply(installed.value);
    if (!Array.isArray(present)) throw this.#faulted({ message: 'broke the list of its handlers' });
    this.#handlers = new Set(present.filter((kind): kind is string => typeof kind === 'string'));
  }

  #evaluate(source: string): { namespace: QuickJSHandle } | { info: FaultInfo } {
    if (!this.alive) throw this.#unavailable();
    const vm = this.#vm;
    const evaluated = this.#enter(
      () => vm.evalCode(source, `plugin:${this.pluginId}`, { type: 'module', strict: true }),
      this.limits.loadTimeoutMs,
    );
    if (evaluated.error) return { info: this.#describe(evaluated.error) };
    return { namespace: evaluated.value };
  }

  /** Calls the plugin's handler for `kind` with `input`; settles with `{ value }` or `{ error }`. */
  async call(kind: CallKind, input: unknown): Promise<CallResult> {
    if (this.#busy) {
      return {
        error: new HengError(
          'reentrant_call',
          `plugin ${this.pluginId} was called again while it was running`,
        ).toJSON(),
      };
    }
    // Enter from the microtask queue, where the host's own stack is shallow whoever called.
    await undefined;
    if (!this.alive) return { error: this.#unavailable().toJSON() };
    if (!this.#handlers.has(kind)) return { value: undefined };
    const vm = this.#vm;
    let kindHandle = this.#kinds.get(kind);
    if (!kindHandle) {
      kindHandle = vm.newString(kind);
      this.#kinds.set(kind, kindHandle);
    }
    const kindArg = kindHandle;
    const inputHandle = vm.newString(input === undefined ? 'null' : JSON.stringify(input));
    let result: ReturnType<QuickJSContext['callFunction']>;
    try {
      result = this.#enter(() =>
        vm.callFunction(this.#dispatch!, vm.undefined, kindArg, inputHandle),
      );
    } catch {
      return { error: this.#unavailable().toJSON() };
    }
    if (!this.#poisoned) inputHandle.dispose();
    if (result.error) return { error: this.#faulted(this.#describe(result.error)).toJSON() };
    const reply = result.value;
    if (!this.alive) {
      reply.dispose();
      return { error: this.#unavailable().toJSON() };
    }
    if (vm.typeof(reply) === 'string') return this.#settled(reply);
    return this.#awaitReply(reply);
  }

  /** Reads a reply string `{ value }` or `{ fault }` from the plugin, within the size limit. */
  #settled(reply: QuickJSHandle): CallResult {
    const parsed = this.#parseReply(reply) as {
      value?: unknown;
      fault?: FaultInfo & { code?: string };
    };
    if (!this.alive) return { error: this.#unavailable().toJSON() };
    if (parsed === null || typeof parsed !== 'object') {
      return { error: this.#faulted({ message: 'broke its reply to the host' }).toJSON() };
    }
    if (parsed.fault) {
      const { code, message } = parsed.fault;
      const fault = code
        ? new PluginFaultError(
            'plugin_crashed',
            `plugin ${this.pluginId} did not handle a host error: ${String(code)}: ${String(message)}`,
          )
        : classifyFault(this.pluginId, parsed.fault);
      return { error: this.#fail(fault).toJSON() };
    }
    return { value: parsed.value ?? undefined };
  }

  /** JSON text from the plugin, checked for type and size before it is read; frees the handle. */
  #parseReply(handle: QuickJSHandle): unknown {
    const vm = this.#vm;
    try {
      if (vm.typeof(handle) !== 'string') {
        this.#faulted({ message: 'answered the host with something other than JSON text' });
        return undefined;
      }
      const lengthHandle = vm.getProp(handle, 'length');
      const length = vm.getNumber(lengthHandle);
      lengthHandle.dispose();
      if (length > this.limits.maxResultBytes) {
        this.#fail(
          new PluginFaultError(
            'result_too_large',
            `plugin ${this.pluginId} returned ${length} characters, over the limit of ${this.limits.maxResultBytes}`,
          ),
        );
        return undefined;
      }
      return JSON.parse(vm.getString(handle));
    } catch {
      this.#faulted({ message: 'answered the host with text that is not JSON' });
      return undefined;
    } finally {
      handle.dispose();
    }
  }

  /** Waits for a handler's promise by polling its state after each run of jobs. */
  #awaitReply(promise: QuickJSHandle): Promise<CallResult> {
    return new Promise<CallResult>((resolve) => {
      const timer = setTimeout(() => {
        this.#fail(
          new PluginFaultError(
            'deadline_exceeded',
            `plugin ${this.pluginId} did not settle within ${this.limits.asyncTimeoutMs} ms`,
          ),
        );
      }, this.limits.asyncTimeoutMs);
      this.#replies.add({
        handle: promise,
        settle: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
      });
      this.#pollReplies();
    });
  }

  #pollReplies(): void {
    for (const reply of this.#replies) {
      if (!this.alive) break;
      const state = this.#vm.getPromiseState(reply.handle);
      if (state.type === 'pending') continue;
      this.#replies.delete(reply);
      reply.handle.dispose();
      if (state.type === 'fulfilled') {
        reply.settle(this.#settled(state.value));
      } else {
        reply.settle({ error: this.#faulted(this.#describe(state.error)).toJSON() });
      }
    }
    if (!this.alive) this.#dropReplies();
  }

  /** Every waiting call learns the sandbox is gone. */
  #dropReplies(): void {
    for (const reply of this.#replies) {
      if (!this.#poisoned) reply.handle.dispose();
      reply.settle({ error: this.#unavailable().toJSON() });
    }
    this.#replies.clear();
  }

  /** Runs the plugin's pending promise jobs, all under one CPU deadline, then polls replies. */
  #pump(): void {
    if (!this.alive || this.#busy) return;
    const runtime = this.#runtime;
    this.#busy = true;
    this.#begin(this.limits.callTimeoutMs, !this.#finishing);
    try {
      while (runtime.hasPendingJob()) {
        let ran: ReturnType<QuickJSRuntime['executePendingJobs']>;
        try {
          ran = this.#guard(() => runtime.executePendingJobs(MAX_JOBS_PER_SLICE));
        } catch {
          return;
        }
        if (ran.error) {
          this.#faulted(this.#describe(ran.error));
          return;
        }
        if (performance.now() > this.#deadline) {
          this.#faulted({ name: 'InternalError', message: 'interrupted' });
          return;
        }
      }
    } finally {
      this.#deadline = Number.POSITIVE_INFINITY;
      this.#busy = false;
      this.#checkMemory();
      this.#pollReplies();
    }
  }

  /** Runs one synchronous entry into the plugin under the CPU deadline, then its promise jobs. */
  #enter<T>(run: () => T, timeoutMs = this.limits.callTimeoutMs): T {
    this.#busy = true;
    this.#begin(timeoutMs);
    try {
      return this.#guard(run);
    } finally {
      this.#deadline = Number.POSITIVE_INFINITY;
      this.#busy = false;
      this.#finishing = true;
      this.#pump();
      this.#finishing = false;
    }
  }

  /** Starts the CPU deadline, and (for a new entry, not the jobs that finish one) the memory baseline. */
  #begin(timeoutMs: number, newEntry = true): void {
    this.#deadline = performance.now() + timeoutMs;
    if (newEntry) this.#memory.enter();
  }

  #checkMemory(): void {
    if (!this.alive || this.#poisoned) return;
    if (this.#memory.tripped || this.#memory.overLimit(performance.now())) {
      this.#fail(
        new PluginFaultError(
          'memory_exceeded',
          `plugin ${this.pluginId} exceeded its memory limit`,
        ),
      );
    }
  }

  /**
   * Runs code that enters the interpreter. A host exception escaping it (the host's own stack
   * overflowing under a deep recursion, say) leaves the runtime in an unknown state: the plugin
   * is stopped and its runtime is never touched again.
   */
  #guard<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.#poisoned = true;
      throw this.#fail(
        new PluginFaultError(
          'plugin_crashed',
          `plugin ${this.pluginId} broke its sandbox: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  }

  /**
   * Reads name and message of a thrown value under a deadline (they may be getters or a Proxy),
   * and frees its handle.
   */
  #describe(errorHandle: QuickJSHandle): FaultInfo {
    const vm = this.#vm;
    this.#begin(this.limits.callTimeoutMs, false);
    try {
      if (vm.typeof(errorHandle) !== 'object') return { message: String(vm.dump(errorHandle)) };
      const read = (key: string) => {
        const prop = vm.getProp(errorHandle, key);
        const text = vm.typeof(prop) === 'string' ? vm.getString(prop) : undefined;
        prop.dispose();
        return text;
      };
      return { name: read('name'), message: read('message') };
    } catch {
      return { message: 'threw something unreadable' };
    } finally {
      this.#deadline = Number.POSITIVE_INFINITY;
      if (errorHandle.alive) errorHandle.dispose();
    }
  }

  #faulted(info: FaultInfo): PluginFaultError {
    if (this.#memory.tripped) {
      return this.#fail(
        new PluginFaultError(
          'memory_exceeded',
          `plugin ${this.pluginId} exceeded its memory limit`,
        ),
      );
    }
    return this.#fail(classifyFault(this.pluginId, info));
  }

  /** Marks the sandbox faulted (first fault wins) and tells whoever waits on it. */
  #fail(error: PluginFaultError): PluginFaultError {
    if (this.#fault || this.#disposed) return this.#fault ?? error;
    this.#fault = error;
    // Told after the current entry into the VM has unwound, so the listener may dispose us.
    const onFault = this.#onFault;
    if (onFault) queueMicrotask(() => onFault(error));
    queueMicrotask(() => this.#dropReplies());
    return error;
  }

  #unavailable(): HengError {
    if (this.#fault) return this.#fault;
    return new HengError('plugin_unavailable', `plugin ${this.pluginId} is not running`);
  }

  /** Frees the runtime and everything in it; pending host work settles into nothing. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#dropReplies();
    // A runtime broken by a host exception is left alone: touching it could abort the module.
    if (this.#poisoned) return;
    for (const deferred of this.#deferreds) deferred.dispose();
    this.#deferreds.clear();
    for (const handle of this.#kinds.values()) handle.dispose();
    this.#kinds.clear();
    this.#install?.dispose();
    this.#dispatch?.dispose();
    this.#vm.dispose();
    this.#runtime.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.dispose();
  }
}

const COMPILED = 'heng:compiled';
