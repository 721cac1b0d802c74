/**
 * @module Loads the QuickJS WebAssembly module once per process; every plugin gets its own
 * runtime inside it (own heap accounting, memory limit, stack limit and interrupt handler).
 */
import variantModule from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';

// The variant's types describe its CommonJS build; imported as ESM its default export is the variant.
const variant = variantModule as unknown as QuickJSSyncVariant;

let shared: Promise<QuickJSWASMModule> | undefined;

/** The process-wide QuickJS module (the release build, synchronous variant), warmed up. */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  shared ??= newQuickJSWASMModuleFromVariant(variant).then((module) => {
    warmUp(module);
    return module;
  });
  return shared;
}

/**
 * Runs the interpreter's common paths once without a deadline: the engine compiles WebAssembly
 * functions lazily, and the first plugin call in a process must not pay for that against its
 * 50 ms budget.
 */
function warmUp(module: QuickJSWASMModule): void {
  const runtime = module.newRuntime();
  const vm = runtime.newContext();
  const source = `
    const data = JSON.parse(JSON.stringify({ a: [1, 2.5, 'x', true, null], b: { c: 'd' } }));
    class Point { constructor(x) { this.x = x } get twice() { return this.x * 2 } }
    const values = [];
    for (let i = 0; i < 2000; i++) values.push(new Point(i).twice + data.a.length);
    Promise.resolve(values).then((v) => v.map(String).join(',').length);
    try { null.x } catch (e) { e.message }
    export default { n: values.length, r: /a(b+)c/.exec('abbc')[1], s: new Map([[1, 2]]).size };
  `;
  vm.evalCode(source, 'heng:warm-up', { type: 'module' }).dispose();
  runtime.executePendingJobs().dispose();
  vm.dispose();
  runtime.dispose();
}

/** The subset of a QuickJS module the sandbox needs, so tests can pass a leak-checking wrapper. */
export type QuickJSModuleLike = Pick<QuickJSWASMModule, 'newRuntime' | 'getWasmMemory'>;
