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
import { type CpuClock, threadCpuClock } from './cpu-clock.ts';
import { Entries } from './entries.ts';
import { classifyFault, describeThrown, type FaultInfo } from './faults.ts';
import { type HostTraffic, hostCall } from './host-call.ts';
import { MemoryGuard } from './memory-guard.ts';
import { type ModuleHome, poisonsModule, type Resident } from './module-home.ts';
import { type ModulePool, processModules } from './module-pool.ts';
import { PendingReplies } from './pending-replies.ts';
import { type CallKind, PRELUDE } from './prelude.ts';
import { readReplyText } from './reply-text.ts';
import { teardown } from './teardown.ts';

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

/** Argument text a host call may carry when the bridge names no limit of its own. */
export const DEFAULT_MAX_ARGS_CHARS = 64 * 1024;

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
  /** Where the QuickJS module comes from (default: the process's pool). */
  modules?: ModulePool;
  /** A module of its own instead of the shared one (for a plugin that has faulted before). */
  isolated?: boolean;
  /** Told once, after the current entry has unwound, when the sandbox faults. */
  onFault?: (error: PluginFaultError) => void;
  /**
   * Told once when the sandbox's module was lost to another sandbox's abort: the plugin did
   * nothing wrong, but this sandbox is gone and must be started again elsewhere.
   */
  onStranded?: (reason: string) => void;
  /** Told when disposing left the runtime abandoned (it could not be freed safely). */
  onAbandoned?: (reason: string) => void;
  /**
   * The CPU clock deadlines count on (default: this thread's, where the runtime has one; else
   * wall time). For tests of a machine under load.
   */
  cpuClock?: CpuClock | undefined;
}

/** What a call into the plugin gives back: never a thrown host exception. */
export type CallResult = { value: unknown } | { error: HengErrorJSON };

const PRELUDE_TIMEOUT_MS = 2000;

/**
 * A plugin's sandbox. Create with {@link PluginSandbox.create}, then {@link load} its bundle.
 *
 * @example
 * await using box = await PluginSandbox.create({ pluginId: 'com.example.x', bridge, api: {} });
 * box.load('export default { onEvent(e) { return e.payload.n * 2 } }', {});
 * await box.call('event', { payload: { n: 21 } }); // { value: 42 }
 */
export class PluginSandbox implements Resident {
  readonly pluginId: string;
  readonly limits: SandboxLimits;
  /** What this plugin's host calls moved across the boundary. */
  readonly traffic: HostTraffic = { calls: 0, refused: 0, charsOut: 0, charsIn: 0 };
  readonly #home: ModuleHome;
  #runtime: QuickJSRuntime;
  #vm: QuickJSContext;
  #memory: MemoryGuard;
  #onFault: ((error: PluginFaultError) => void) | undefined;
  #onStranded: ((reason: string) => void) | undefined;
  #onAbandoned: ((reason: string) => void) | undefined;
  #dispatch: QuickJSHandle | undefined;
  #install: QuickJSHandle | undefined;
  #kinds = new Map<CallKind, QuickJSHandle>();
  #handlers = new Set<string>();
  #entries: Entries;
  #fault: PluginFaultError | undefined;
  #stranded: string | undefined;
  #disposed = false;
  #abandoned: string | undefined;
  #deferreds = new Set<QuickJSDeferredPromise>();
  #replies: PendingReplies<CallResult>;

  static async create(options: SandboxOptions): Promise<PluginSandbox> {
    const modules = options.modules ?? processModules;
    for (;;) {
      const home = options.isolated ? await modules.isolated() : await modules.shared();
      // Lost while we waited: another sandbox's abort. Built at once otherwise, so it cannot be.
      if (!home.lost) return new PluginSandbox(home, options);
    }
  }

  private constructor(home: ModuleHome, options: SandboxOptions) {
    this.pluginId = options.pluginId;
    this.limits = { ...DEFAULT_SANDBOX_LIMITS, ...options.limits };
    this.#home = home;
    this.#onFault = options.onFault;
    this.#onStranded = options.onStranded;
    this.#onAbandoned = options.onAbandoned;
    const { module } = home;
    try {
      this.#runtime = module.newRuntime();
    } catch (error) {
      if (poisonsModule(error)) home.lose(this.pluginId, error);
      throw error;
    }
    home.join(this);
    this.#runtime.setMemoryLimit(this.limits.memoryBytes);
    this.#runtime.setMaxStackSize(this.limits.stackBytes);
    this.#memory = new MemoryGuard(module.getWasmMemory(), this.limits.memoryBytes, () =>
      this.memoryUsed(),
    );
    this.#entries = new Entries(
      this.#runtime,
      this.#memory,
      { callTimeoutMs: this.limits.callTimeoutMs, copyBudgetChars: this.limits.memoryBytes },
      {
        alive: () => this.alive,
        jobThrew: (thrown) => this.#faulted(this.#describe(thrown)),
        ranPastDeadline: () => this.#faulted({ name: 'InternalError', message: 'interrupted' }),
        broke: (error) => {
          // An abort or a trap: the module is gone for every sandbox in it, not only this one.
          if (poisonsModule(error)) this.#home.lose(this.pluginId, error);
          return this.#fail(
            new PluginFaultError(
              'plugin_crashed',
              `plugin ${this.pluginId} broke its sandbox: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
        },
        overMemory: () =>
          this.#fail(
            new PluginFaultError(
              'memory_exceeded',
              `plugin ${this.pluginId} exceeded its memory limit`,
            ),
          ),
        afterJobs: () => this.#pollReplies(),
      },
      'cpuClock' in options ? options.cpuClock : threadCpuClock,
    );
    try {
      this.#vm = this.#runtime.newContext();
      this.#replies = new PendingReplies(this.#vm);
      this.#installPrelude(options.api, options.bridge);
    } catch (error) {
      this.dispose();
      throw error;
    }
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
    return !this.#disposed && !this.#fault && this.#stranded === undefined;
  }

  /**
   * Once disposed: why the runtime was abandoned (left allocated, never touched again, counted by
   * the module pool) instead of freed; undefined when it was freed.
   */
  get abandoned(): string | undefined {
    return this.#abandoned;
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
    const entries = this.#entries;
    const ceiling = this.limits.memoryBytes;
    const site = {
      vm,
      bridge,
      traffic: this.traffic,
      pending: this.#deferreds,
      maxArgsChars: (op: string) =>
        Math.min(bridge.maxArgsChars?.(op) ?? DEFAULT_MAX_ARGS_CHARS, ceiling),
      checkpoint: (op: string) => entries.checkpoint(op),
      charge: (op: string, chars: number) => entries.charge(op, chars),
      alive: () => this.alive,
      pump: () => entries.pump(),
    };
    const host = vm.newFunction('__hengHost', (op, args) => hostCall(site, op, args));
    vm.setProp(vm.global, '__hengHost', host);
    host.dispose();
    const shape = vm.newString(JSON.stringify(api));
    vm.setProp(vm.global, '__hengShape', shape);
    shape.dispose();
    // Trusted code, but the first run in a process also pays for WebAssembly tier-up.
    const result = this.#entries.enter(
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
    const installed = this.#entries.enter(() =>
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
    const evaluated = this.#entries.enter(
      () => vm.evalCode(source, `plugin:${this.pluginId}`, { type: 'module', strict: true }),
      this.limits.loadTimeoutMs,
    );
    if (evaluated.error) return { info: this.#describe(evaluated.error) };
    return { namespace: evaluated.value };
  }

  /** Calls the plugin's handler for `kind` with `input`; settles with `{ value }` or `{ error }`. */
  async call(kind: CallKind, input: unknown): Promise<CallResult> {
    if (this.#entries.busy) {
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
      result = this.#entries.enter(() =>
        vm.callFunction(this.#dispatch!, vm.undefined, kindArg, inputHandle),
      );
    } catch {
      return { error: this.#unavailable().toJSON() };
    }
    if (!this.#entries.broken) inputHandle.dispose();
    if (result.error) return { error: this.#faulted(this.#describe(result.error)).toJSON() };
    const reply = result.value;
    if (!this.alive) {
      reply.dispose();
      return { error: this.#unavailable().toJSON() };
    }
    if (vm.typeof(reply) === 'string') return this.#settled(reply);
    return this.#awaitReply(reply);
  }

  /** Reads a reply `{ value }` or `{ fault }` from the plugin (and frees its handle). */
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

  /** The JSON a reply holds; a fault (and undefined) when it is too large or not JSON text. */
  #parseReply(handle: QuickJSHandle): unknown {
    const read = readReplyText(this.#vm, handle, this.limits.maxResultBytes);
    if ('json' in read) return read.json;
    if ('tooLarge' in read) {
      this.#fail(
        new PluginFaultError(
          'result_too_large',
          `plugin ${this.pluginId} returned ${read.tooLarge} characters, over the limit of ${this.limits.maxResultBytes}`,
        ),
      );
    } else {
      this.#faulted({ message: read.broken });
    }
    return undefined;
  }

  /** Waits for a handler's promise, polled after each run of jobs, within the async timeout. */
  #awaitReply(promise: QuickJSHandle): Promise<CallResult> {
    const reply = this.#replies.wait(promise, this.limits.asyncTimeoutMs, () =>
      this.#fail(
        new PluginFaultError(
          'deadline_exceeded',
          `plugin ${this.pluginId} did not settle within ${this.limits.asyncTimeoutMs} ms`,
        ),
      ),
    );
    this.#pollReplies();
    return reply;
  }

  #pollReplies(): void {
    this.#replies.poll(
      () => this.alive,
      (value) => this.#settled(value),
      (reason) => ({ error: this.#faulted(this.#describe(reason)).toJSON() }),
    );
    if (!this.alive) this.#dropReplies();
  }

  /** Every waiting call learns the sandbox is gone. */
  #dropReplies(): void {
    this.#replies.drop({ error: this.#unavailable().toJSON() }, this.#touchable);
  }

  /** Reads what the plugin threw, under a deadline, and frees its handle. */
  #describe(errorHandle: QuickJSHandle): FaultInfo {
    return this.#entries.bounded(() => describeThrown(this.#vm, errorHandle));
  }

  #faulted(info: FaultInfo): PluginFaultError {
    const stop = this.#entries.stopped;
    if (stop)
      return this.#fail(new PluginFaultError(stop.code, `plugin ${this.pluginId} ${stop.message}`));
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
    if (this.#fault || this.#disposed || this.#stranded !== undefined) return this.#fault ?? error;
    this.#fault = error;
    // Told after the current entry into the VM has unwound, so the listener may dispose us.
    const onFault = this.#onFault;
    if (onFault) queueMicrotask(() => onFault(error));
    queueMicrotask(() => this.#dropReplies());
    return error;
  }

  #unavailable(): HengError {
    if (this.#fault) return this.#fault;
    if (this.#stranded !== undefined) {
      return new HengError(
        'plugin_unavailable',
        `plugin ${this.pluginId} was stopped: ${this.#stranded}`,
      );
    }
    return new HengError('plugin_unavailable', `plugin ${this.pluginId} is not running`);
  }

  /** Whether the runtime may still be touched (freed, read). */
  get #touchable(): boolean {
    return !this.#entries?.broken && this.#stranded === undefined && !this.#home.lost;
  }

  /**
   * The module was lost to another sandbox's abort: this one stops using it at once and its owner
   * is told, after the current work has unwound.
   */
  strand(reason: string): void {
    if (this.#disposed || this.#stranded !== undefined) return;
    this.#stranded = reason;
    this.#entries.dispose();
    this.#dropReplies();
    const onStranded = this.#onStranded;
    if (onStranded) queueMicrotask(() => onStranded(reason));
  }

  /**
   * Frees the runtime and everything in it; pending host work settles into nothing. Never
   * throws: a runtime that cannot be freed safely is abandoned (see {@link teardown}).
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#home.leave(this);
    this.#entries?.dispose();
    if (this.#replies) this.#dropReplies();
    const unsafe = this.#entries?.broken
      ? 'a host exception escaped its interpreter'
      : this.#stranded;
    this.#abandoned = teardown(this.#home, this.pluginId, unsafe, () => {
      for (const deferred of this.#deferreds) deferred.dispose();
      this.#deferreds.clear();
      for (const handle of this.#kinds.values()) handle.dispose();
      this.#kinds.clear();
      this.#install?.dispose();
      this.#dispatch?.dispose();
      this.#vm?.dispose();
      this.#runtime.dispose();
    });
    if (this.#abandoned !== undefined) this.#onAbandoned?.(this.#abandoned);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.dispose();
  }
}

const COMPILED = 'heng:compiled';
