/**
 * @module One plugin's QuickJS runtime: loads its bundle, dispatches calls to its handlers with a
 * CPU deadline, memory and stack limits, and carries its host calls to the broker.
 */
import { HengError, type HengErrorJSON, PluginFaultError, toHengError } from '@heng/schemas';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten-core';
import type { ApiShape } from '../capabilities/api-shape.ts';
import type { HostBridge } from '../capabilities/types.ts';
import { classifyFault, type FaultInfo } from './faults.ts';
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
  stackBytes: 256 * 1024,
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
  /** Called once when the sandbox faults; it is unusable afterwards. */
  onFault?: (error: PluginFaultError) => void;
}

/** What a call into the plugin gives back: never a thrown host exception. */
export type CallResult = { value: unknown } | { error: HengErrorJSON };

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
  #bridge: HostBridge;
  #onFault: ((error: PluginFaultError) => void) | undefined;
  #dispatch: QuickJSHandle | undefined;
  #install: QuickJSHandle | undefined;
  #kinds = new Map<CallKind, QuickJSHandle>();
  #handlers = new Set<string>();
  #deadline = Number.POSITIVE_INFINITY;
  #busy = false;
  #fault: PluginFaultError | undefined;
  #disposed = false;
  #waiting = new Set<(error: HengError) => void>();
  #deferreds = new Set<{ dispose(): void }>();

  static async create(options: SandboxOptions): Promise<PluginSandbox> {
    const module = options.module ?? (await loadQuickJS());
    return new PluginSandbox(module, options);
  }

  private constructor(module: QuickJSModuleLike, options: SandboxOptions) {
    this.pluginId = options.pluginId;
    this.limits = { ...DEFAULT_SANDBOX_LIMITS, ...options.limits };
    this.#bridge = options.bridge;
    this.#onFault = options.onFault;
    this.#runtime = module.newRuntime();
    this.#runtime.setMemoryLimit(this.limits.memoryBytes);
    this.#runtime.setMaxStackSize(this.limits.stackBytes);
    this.#runtime.setInterruptHandler(() => performance.now() > this.#deadline);
    this.#vm = this.#runtime.newContext();
    this.#installPrelude(options.api);
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

  /** Bytes the plugin's heap uses now. */
  memoryUsed(): number {
    const usage = this.#runtime.computeMemoryUsage();
    try {
      const dump = this.#vm.dump(usage) as { memory_used_size?: number };
      return dump.memory_used_size ?? 0;
    } finally {
      if (usage.alive) usage.dispose();
    }
  }

  #installPrelude(api: Partial<ApiShape>): void {
    const vm = this.#vm;
    const host = vm.newFunction('__hengHost', (opHandle, argsHandle) =>
      this.#hostCall(opHandle, argsHandle),
    );
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

  /** Parses the bundle as an ES module without running any of it; throws `bundle_invalid`. */
  compile(bundle: string): void {
    this.#assertUsable();
    const vm = this.#vm;
    const compiled = this.#enter(
      () =>
        vm.evalCode(bundle, `plugin:${this.pluginId}`, {
          type: 'module',
          strict: true,
          compileOnly: true,
        }),
      this.limits.loadTimeoutMs,
    );
    if (compiled.error) {
      const info = this.#describe(compiled.error);
      throw new HengError(
        'bundle_invalid',
        `bundle of ${this.pluginId} does not parse: ${info.name ?? 'Error'}: ${info.message ?? ''}`,
      );
    }
    compiled.value.dispose();
  }

  /**
   * Evaluates the plugin's bundle (an ES module whose default export is the plugin definition)
   * and hands it its config. Throws `bundle_invalid` when the bundle does not parse or does not
   * export a plugin, and a plugin fault when its top level throws or runs away.
   */
  load(bundle: string, config: unknown): void {
    this.#assertUsable();
    const vm = this.#vm;
    const evaluated = this.#enter(
      () => vm.evalCode(bundle, `plugin:${this.pluginId}`, { type: 'module', strict: true }),
      this.limits.loadTimeoutMs,
    );
    if (evaluated.error) {
      const info = this.#describe(evaluated.error);
      if (info.name === 'SyntaxError') {
        throw new HengError(
          'bundle_invalid',
          `bundle of ${this.pluginId} does not parse: ${info.message}`,
        );
      }
      throw this.#faulted(info);
    }
    const namespace = evaluated.value;
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
    const present = JSON.parse(vm.getString(installed.value)) as string[];
    installed.value.dispose();
    this.#handlers = new Set(present);
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
    if (!this.alive) return { error: this.#unavailable().toJSON() };
    if (!this.#handlers.has(kind)) return { value: undefined };
    const vm = this.#vm;
    let kindHandle = this.#kinds.get(kind);
    if (!kindHandle) {
      kindHandle = vm.newString(kind);
      this.#kinds.set(kind, kindHandle);
    }
    const inputHandle = vm.newString(input === undefined ? 'null' : JSON.stringify(input));
    const kindArg = kindHandle;
    const result = this.#enter(() =>
      vm.callFunction(this.#dispatch!, vm.undefined, kindArg, inputHandle),
    );
    inputHandle.dispose();
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
    const lengthHandle = this.#vm.getProp(reply, 'length');
    const length = this.#vm.getNumber(lengthHandle);
    lengthHandle.dispose();
    if (length > this.limits.maxResultBytes) {
      reply.dispose();
      const error = new PluginFaultError(
        'result_too_large',
        `plugin ${this.pluginId} returned ${length} characters, over the limit of ${this.limits.maxResultBytes}`,
      );
      return { error: this.#fail(error).toJSON() };
    }
    const text = this.#vm.getString(reply);
    reply.dispose();
    const parsed = JSON.parse(text) as { value?: unknown; fault?: FaultInfo & { code?: string } };
    if (parsed.fault) {
      const { code, message } = parsed.fault;
      const fault = code
        ? new PluginFaultError(
            'plugin_crashed',
            `plugin ${this.pluginId} did not handle a host error: ${code}: ${message}`,
          )
        : classifyFault(this.pluginId, parsed.fault);
      return { error: this.#fail(fault).toJSON() };
    }
    return { value: parsed.value ?? undefined };
  }

  async #awaitReply(promise: QuickJSHandle): Promise<CallResult> {
    const vm = this.#vm;
    const native = vm.resolvePromise(promise);
    promise.dispose();
    this.#pump();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopped = new Promise<'stopped'>((resolve) => {
      const onStop = () => resolve('stopped');
      this.#waiting.add(onStop);
      timer = setTimeout(() => {
        this.#fail(
          new PluginFaultError(
            'deadline_exceeded',
            `plugin ${this.pluginId} did not settle within ${this.limits.asyncTimeoutMs} ms`,
          ),
        );
      }, this.limits.asyncTimeoutMs);
    });
    const outcome = await Promise.race([native, stopped]);
    clearTimeout(timer);
    if (outcome === 'stopped') {
      native.then((late) => late.dispose());
      return { error: this.#unavailable().toJSON() };
    }
    if (outcome.error) return { error: this.#faulted(this.#describe(outcome.error)).toJSON() };
    return this.#settled(outcome.value);
  }

  /** The host side of `__hengHost(op, argsJson)`: parses, asks the broker, replies as JSON. */
  #hostCall(opHandle: QuickJSHandle, argsHandle: QuickJSHandle): QuickJSHandle {
    const vm = this.#vm;
    const reply = (body: object) => vm.newString(JSON.stringify(body));
    const refuse = (error: unknown) => reply({ error: toHengError(error).toJSON() });
    if (vm.typeof(opHandle) !== 'string' || vm.typeof(argsHandle) !== 'string') {
      return refuse(
        new HengError('invalid_input', 'host call needs (op: string, args: JSON text)'),
      );
    }
    const op = vm.getString(opHandle);
    let args: unknown;
    try {
      args = JSON.parse(vm.getString(argsHandle));
    } catch {
      return refuse(new HengError('invalid_input', `host call ${op}: arguments are not JSON`));
    }
    if (!Array.isArray(args)) {
      return refuse(new HengError('invalid_input', `host call ${op}: arguments must be an array`));
    }
    let out: unknown;
    try {
      out = this.#bridge(op, args);
    } catch (error) {
      return refuse(error);
    }
    if (!(out instanceof Promise)) return reply({ value: out ?? null });
    const deferred = vm.newPromise();
    this.#deferreds.add(deferred);
    const settle = (body: object) => {
      if (!this.#deferreds.delete(deferred)) return;
      if (!this.alive) {
        deferred.dispose();
        return;
      }
      const text = vm.newString(JSON.stringify(body));
      deferred.resolve(text);
      text.dispose();
      deferred.dispose();
      this.#pump();
    };
    out.then(
      (value) => settle({ value: value ?? null }),
      (error) => settle({ error: toHengError(error).toJSON() }),
    );
    return deferred.handle;
  }

  /** Runs the plugin's pending promise jobs, all under one CPU deadline. */
  #pump(): void {
    if (!this.alive || this.#busy) return;
    const runtime = this.#runtime;
    this.#busy = true;
    this.#deadline = performance.now() + this.limits.callTimeoutMs;
    try {
      while (runtime.hasPendingJob()) {
        const ran = runtime.executePendingJobs(MAX_JOBS_PER_SLICE);
        if (ran.error) {
          const info = this.#describe(ran.error);
          this.#faulted(info);
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
    }
  }

  /** Runs one synchronous entry into the plugin under the CPU deadline, then its promise jobs. */
  #enter<T>(run: () => T, timeoutMs = this.limits.callTimeoutMs): T {
    this.#busy = true;
    this.#deadline = performance.now() + timeoutMs;
    try {
      return run();
    } finally {
      this.#deadline = Number.POSITIVE_INFINITY;
      this.#busy = false;
      this.#pump();
    }
  }

  /** Reads name and message of a thrown value without trusting it, and frees its handle. */
  #describe(errorHandle: QuickJSHandle): FaultInfo {
    const vm = this.#vm;
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
      return { message: 'unreadable error' };
    } finally {
      if (errorHandle.alive) errorHandle.dispose();
    }
  }

  #faulted(info: FaultInfo): PluginFaultError {
    return this.#fail(classifyFault(this.pluginId, info));
  }

  /** Marks the sandbox faulted (first fault wins) and tells whoever waits on it. */
  #fail(error: PluginFaultError): PluginFaultError {
    if (this.#fault || this.#disposed) return this.#fault ?? error;
    this.#fault = error;
    for (const wake of this.#waiting) wake(error);
    this.#waiting.clear();
    // Told after the current entry into the VM has unwound, so the listener may dispose us.
    const onFault = this.#onFault;
    if (onFault) queueMicrotask(() => onFault(error));
    return error;
  }

  #unavailable(): HengError {
    if (this.#fault) return this.#fault;
    return new HengError('plugin_unavailable', `plugin ${this.pluginId} is not running`);
  }

  #assertUsable(): void {
    if (!this.alive) throw this.#unavailable();
  }

  /** Frees the runtime and everything in it; pending host work settles into nothing. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const wake of this.#waiting) wake(this.#unavailable());
    this.#waiting.clear();
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
