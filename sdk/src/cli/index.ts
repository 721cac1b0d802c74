/**
 * @module The `heng-plugin` commands as functions, for scripts and tests that drive them
 * without a child process. Node only.
 */
export { type Bundle, buildPlugin, bundlePlugin } from './build.ts';
export { type InitOptions, initPlugin } from './init.ts';
export { type KeyFiles, readPublicKeyFile, writeKeyPair } from './key-files.ts';
export { CliError, createOutput, type Output } from './output.ts';
export { type PackResult, packPluginDir } from './pack.ts';
export type { Problem } from './problems.ts';
export { runCli } from './program.ts';
export { runPluginTests, SDK_ALIASES } from './run-tests.ts';
export { type PackageFacts, signPackageFile } from './sign.ts';
export { type ValidateResult, validatePlugin } from './validate.ts';
export { verifyPackageFile } from './verify.ts';
