/**
 * @module Loads a QuickJS WebAssembly module (the release build, synchronous variant) and warms
 * it up. Plugins share one per process (see `module-pool.ts`); each gets its own runtime inside
 * it (own heap accounting, memory limit, stack limit and interrupt handler).
 */
import variantModule from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';

// The variant's types describe its CommonJS build; imported as ESM its default export is the variant.
const variant = variantModule as unknown as QuickJSSyncVariant;

/** A new WebAssembly instance of QuickJS, warmed up. */
export async function newQuickJSModule(): Promise<QuickJSWASMModule> {
  const module = await newQuickJSWASMModuleFromVariant(variant);
  warmUp(module);
  return module;
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
