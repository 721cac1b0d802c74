/**
 * @module Loads the QuickJS WebAssembly module once per process; every plugin gets its own
 * runtime inside it (own heap accounting, memory limit, stack limit and interrupt handler).
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';

let shared: Promise<QuickJSWASMModule> | undefined;

/** The process-wide QuickJS module (the release build, synchronous variant). */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  shared ??= newQuickJSWASMModuleFromVariant(variant);
  return shared;
}

/** The subset of a QuickJS module the sandbox needs, so tests can pass a leak-checking wrapper. */
export type QuickJSModuleLike = Pick<QuickJSWASMModule, 'newRuntime'>;
