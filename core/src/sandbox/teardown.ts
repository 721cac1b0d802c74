/**
 * @module Frees a sandbox's runtime without ever letting that take the host down. QuickJS can
 * leave an object it cannot free (quickjs-emscripten issues 235, 257, 269: a long promise chain,
 * an out-of-memory in a job), and freeing that runtime then aborts the WebAssembly module. Such a
 * runtime is abandoned: left as it is, never touched again, and counted; after an abort the
 * module itself is lost and every other sandbox in it moves out.
 */
import { type ModuleHome, poisonsModule } from './module-home.ts';

/**
 * Runs `free` (the handles, the context, the runtime) unless `unsafe` says why the runtime must
 * not be touched; contains whatever `free` throws. Returns why the runtime was abandoned, or
 * undefined when it was freed.
 */
export function teardown(
  home: ModuleHome,
  pluginId: string,
  unsafe: string | undefined,
  free: () => void,
): string | undefined {
  let reason = unsafe ?? (home.lost ? 'its QuickJS module was lost' : undefined);
  if (reason === undefined) {
    try {
      free();
      return undefined;
    } catch (error) {
      if (poisonsModule(error)) home.lose(pluginId, error);
      const what = error instanceof Error ? error.message : String(error);
      reason = `freeing its runtime failed: ${what.length > 300 ? `${what.slice(0, 299)}…` : what}`;
    }
  }
  home.abandon(pluginId, reason);
  return reason;
}
