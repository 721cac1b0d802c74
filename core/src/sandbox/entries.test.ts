import variant from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, type QuickJSSyncVariant } from 'quickjs-emscripten-core';
import { expect, test } from 'vitest';
import { Entries } from './entries.ts';
import { MemoryGuard } from './memory-guard.ts';

test('keeps an entry under its deadline after a bounded read inside it', async () => {
  const module = await newQuickJSWASMModuleFromVariant(variant as unknown as QuickJSSyncVariant);
  const runtime = module.newRuntime();
  const vm = runtime.newContext();
  const memory = new MemoryGuard(module.getWasmMemory(), 16 * 1024 * 1024, () => 0);
  const entries = new Entries(
    runtime,
    memory,
    { callTimeoutMs: 20, copyBudgetChars: 1024 },
    {
      alive: () => true,
      jobThrew: (thrown) => thrown.dispose(),
      ranPastDeadline: () => {},
      broke: (error) => error as Error,
      overMemory: () => {},
      afterJobs: () => {},
    },
  );
  // A loop of about half a second of CPU: bounded, so a missing deadline shows as 'LEAKED'.
  const result = entries.enter(() => {
    entries.bounded(() => undefined);
    return vm.evalCode("let i = 0; while (i < 3e7) i++; 'LEAKED'");
  });
  const outcome = vm.dump(result.error ?? result.value);
  (result.error ?? result.value).dispose();
  expect(outcome).toMatchObject({ name: 'InternalError', message: 'interrupted' });
  entries.dispose();
  vm.dispose();
  runtime.dispose();
});
