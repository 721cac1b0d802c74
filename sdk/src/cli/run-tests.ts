/**
 * @module `heng-plugin test DIR [-- vitest args]`: runs the plugin's own tests with vitest,
 * `@heng/sdk` and `@heng/sdk/testing` resolved to this SDK so any plugin folder works.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail, type Output } from './output.ts';
import { shown } from './plugin-dir.ts';

const own = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** This SDK's entry files, by the names plugin code and plugin tests import them with. */
export const SDK_ALIASES = [
  { find: /^@heng\/sdk\/testing$/, replacement: own('../testing/index.ts') },
  { find: /^@heng\/sdk$/, replacement: own('../index.ts') },
];

/**
 * Runs the tests of the plugin in `dir` in this process and resolves with vitest's exit
 * status (0 when every test passed, 1 otherwise, including when there are no tests).
 */
export async function runPluginTests(
  dir: string,
  vitestArgs: readonly string[] = [],
): Promise<number> {
  const { parseCLI, startVitest } = await import('vitest/node');
  const { filter, options } = parseCLI(['vitest', ...vitestArgs]);
  const root = resolve(dir);
  const before = process.exitCode;
  process.exitCode = 0;
  const vitest = await startVitest(
    'test',
    filter,
    { ...options, root, run: true, watch: false, config: options.config ?? false },
    { resolve: { alias: SDK_ALIASES } },
  );
  const failed = vitest.state.getCountOfFailedTests() > 0 || Number(process.exitCode ?? 0) !== 0;
  process.exitCode = before;
  return failed ? 1 : 0;
}

/** The `test` command. */
export async function runTest(
  dir: string,
  vitestArgs: readonly string[],
  out: Output,
): Promise<number> {
  try {
    return await runPluginTests(dir, vitestArgs);
  } catch (err) {
    return fail(out, err, shown(dir));
  }
}
