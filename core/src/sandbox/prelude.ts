/**
 * @module The script that runs inside each plugin's QuickJS context before the plugin's bundle:
 * it builds the one global `heng` object from the granted API shape, and returns the private
 * `install`/`dispatch` pair that only the host holds.
 *
 * Everything crosses the boundary as JSON text, so no host object or function ever enters the
 * plugin's realm, and nothing the plugin does to its own prototypes reaches the host.
 */

/** Handler names of `definePlugin({...})`, by the kind of call the host makes. */
export const HANDLERS = {
  activate: 'activate',
  telemetry: 'onTelemetry',
  event: 'onEvent',
  schedule: 'onSchedule',
  request: 'onRequest',
  deactivate: 'deactivate',
} as const;

export type CallKind = keyof typeof HANDLERS;

/** Source of the prelude. `__hengHost(op, argsJson)` is removed from the global before any plugin code runs. */
export const PRELUDE = `(() => {
  'use strict';
  // Everything the prelude relies on is captured before plugin code can replace it.
  const host = globalThis.__hengHost;
  delete globalThis.__hengHost;
  const { parse, stringify } = JSON;
  const { freeze, defineProperty, assign } = Object;
  const { apply } = Reflect;
  const PromiseCtor = Promise;
  const promiseResolve = Promise.resolve;
  const promiseThen = Promise.prototype.then;
  const arraySlice = Array.prototype.slice;
  const ErrorCtor = Error;
  const StringCtor = String;
  const HANDLERS = ${JSON.stringify(HANDLERS)};

  const resolved = (value) => apply(promiseResolve, PromiseCtor, [value]);
  const then = (promise, onValue, onError) => apply(promiseThen, promise, [onValue, onError]);

  class HengError extends ErrorCtor {
    constructor(e) {
      super(StringCtor(e && e.message));
      this.name = 'HengError';
      this.code = StringCtor(e && e.code);
    }
  }
  const unwrap = (text) => {
    const reply = parse(text);
    if (reply.error) throw new HengError(reply.error);
    return reply.value === null ? undefined : reply.value;
  };
  // Optional arguments left out stay out: JSON would turn them into null.
  const trim = (args) => {
    let n = args.length;
    while (n > 0 && args[n - 1] === undefined) n--;
    return apply(arraySlice, args, [0, n]);
  };
  // The host answers null when the entry must end (its deadline or its budget was spent in host
  // calls): spin until the interrupt handler, which now says stop, ends it. No catch can stop that.
  const ask = (op, args) => {
    const reply = host(op, stringify(trim(args)));
    if (reply === null) for (;;) {}
    return reply;
  };
  const callSync = (op, args) => unwrap(ask(op, args));
  const callAsync = (op, args) => {
    let reply;
    try {
      reply = ask(op, args);
    } catch (e) {
      return then(resolved(undefined), () => { throw e; });
    }
    return then(resolved(reply), unwrap);
  };

  const shape = parse(globalThis.__hengShape);
  delete globalThis.__hengShape;
  const api = {
    log: freeze({
      info: (message, data) => callSync('log', ['info', message, data]),
      warn: (message, data) => callSync('log', ['warn', message, data]),
      error: (message, data) => callSync('log', ['error', message, data]),
    }),
    now: () => callSync('clock.now', []),
  };
  if (shape.telemetry) api.telemetry = freeze({ latest: (point) => callAsync('telemetry.latest', [point]) });
  if (shape.commands) api.commands = freeze({ send: (command) => callAsync('commands.send', [command]) });
  if (shape.events) {
    api.events = freeze({
      publish: (topic, payload, options) =>
        callAsync('events.publish', [assign({}, options, { topic, payload })]),
    });
  }
  if (shape.storage) {
    api.storage = freeze({
      get: (key) => callAsync('storage.get', [key]),
      put: (key, value) => callAsync('storage.put', [key, value]),
      delete: (key) => callAsync('storage.delete', [key]),
      list: (prefix, options) => callAsync('storage.list', [prefix, options]),
    });
  }
  if (shape.fetch) api.fetch = (url, init) => callAsync('fetch', [url, init]);
  const heng = freeze(api);
  defineProperty(globalThis, 'heng', { value: heng, writable: false, enumerable: false, configurable: false });

  const describe = (e) => {
    if (e instanceof HengError) return { name: 'HengError', code: e.code, message: e.message };
    if (e instanceof ErrorCtor) return { name: StringCtor(e.name), message: StringCtor(e.message) };
    const type = e === null ? 'null' : typeof e;
    const text = type === 'string' || type === 'number' || type === 'boolean' ? ': ' + StringCtor(e) : '';
    return { name: 'NonError', message: 'threw a non-Error value (' + type + ')' + text };
  };
  const ok = (value) => stringify({ value: value === undefined ? null : value });
  const failed = (e) => stringify({ fault: describe(e) });

  let plugin = null;
  let config = null;
  const install = (definition, configJson) => {
    if (definition === null || typeof definition !== 'object') {
      throw new TypeError('the bundle must export default definePlugin({...}), got ' + typeof definition);
    }
    plugin = definition;
    config = freeze(parse(configJson));
    const present = [];
    for (const kind in HANDLERS) {
      if (typeof plugin[HANDLERS[kind]] === 'function') present[present.length] = kind;
    }
    return stringify(present);
  };
  const dispatch = (kind, inputJson) => {
    const handler = plugin[HANDLERS[kind]];
    if (typeof handler !== 'function') return ok(null);
    const ctx = { heng, config };
    let out;
    try {
      out = kind === 'activate' || kind === 'deactivate'
        ? apply(handler, plugin, [ctx])
        : apply(handler, plugin, [parse(inputJson), ctx]);
    } catch (e) {
      return failed(e);
    }
    if (out === null || typeof out !== 'object' || typeof out.then !== 'function') return ok(out);
    // A genuine promise of the reply text, whatever the plugin did to Promise and its species.
    return new PromiseCtor((settle) => {
      then(resolved(out), (value) => settle(ok(value)), (e) => settle(failed(e)));
    });
  };
  return { install, dispatch };
})()`;
