/** @module The `heng-plugin` command line: its commands and options, wired with commander. */
import { Command, CommanderError } from 'commander';
import { createOutput, type Output } from './output.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

// Each command is imported when it runs: `init` and `build` need neither the core runtime
// nor vitest, and the CLI starts faster for it.

/**
 * Runs `heng-plugin` with `args` (without the node and script paths) and resolves with the
 * exit status. `makeOutput` lets tests capture what is printed.
 * @example
 * process.exitCode = await runCli(['validate', 'plugins/air-quality']);
 */
export async function runCli(
  args: readonly string[],
  makeOutput: (json: boolean) => Output = (json) => createOutput(json),
): Promise<number> {
  let status = 0;
  const program = new Command('heng-plugin')
    .description('Scaffold, check, build, test, pack and sign Heng plugins')
    .option('--json', 'print one machine-readable JSON document on stdout')
    .exitOverride()
    .showHelpAfterError();
  const out = (cmd: Command) => makeOutput(Boolean(cmd.optsWithGlobals()['json']));

  program
    .command('init')
    .description('scaffold a plugin that validates, builds and passes its tests')
    .argument('<dir>', 'a new or empty directory')
    .requiredOption('--id <id>', 'the plugin id, reverse-DNS: com.example.thing')
    .option('--name <name>', 'the name people see (default: from the id)')
    .option('--vendor <name>', 'the vendor name (default: from the id)')
    .option('--runs-on <places>', 'edge, hub or edge,hub', 'edge')
    .action(async (dir: string, opts, cmd: Command) => {
      status = await (await import('./init.ts')).runInit(dir, opts, out(cmd));
    });

  program
    .command('validate')
    .description('check heng.plugin.json and the files it names')
    .argument('<dir>', 'the plugin folder')
    .option('--fix', 'apply the safe repairs and rewrite heng.plugin.json')
    .action(async (dir: string, opts, cmd: Command) => {
      status = await (await import('./validate.ts')).runValidate(dir, opts, out(cmd));
    });

  program
    .command('build')
    .description('bundle src/plugin.ts into the one ES module the sandbox runs')
    .argument('<dir>', 'the plugin folder')
    .option('--minify', 'minify the bundle')
    .action(async (dir: string, opts, cmd: Command) => {
      status = await (await import('./build.ts')).runBuild(dir, opts, out(cmd));
    });

  program
    .command('keygen')
    .description('make an Ed25519 signing key pair: NAME.key.json and NAME.pub.json')
    .requiredOption('--out <name>', 'path and name of the key files, without extension')
    .action(async (opts, cmd: Command) => {
      status = await (await import('./keygen.ts')).runKeygen(opts.out, out(cmd));
    });

  program
    .command('pack')
    .description('validate, build if needed, and write <id>-<version>.hpkg')
    .argument('<dir>', 'the plugin folder')
    .option('--out <file>', 'where to write the package (default: DIR/<id>-<version>.hpkg)')
    .action(async (dir: string, opts, cmd: Command) => {
      status = await (await import('./pack.ts')).runPack(dir, opts, out(cmd));
    });

  program
    .command('sign')
    .description('sign a package with a vendor key')
    .argument('<pkg>', 'the .hpkg file')
    .requiredOption('--key <file>', 'the private key, NAME.key.json')
    .option('--out <file>', 'where to write the signed package (default: over PKG)')
    .action(async (pkg: string, opts, cmd: Command) => {
      status = await (await import('./sign.ts')).runSign(pkg, opts, out(cmd));
    });

  program
    .command('verify')
    .description('check a package is intact and signed by a trusted key')
    .argument('<pkg>', 'the .hpkg file')
    .option('--trust <file>', 'a trusted public key, KEY.pub.json (repeatable)', collect, [])
    .action(async (pkg: string, opts, cmd: Command) => {
      status = await (await import('./verify.ts')).runVerify(pkg, opts, out(cmd));
    });

  program
    .command('test')
    .description("run the plugin's tests against a simulated site")
    .argument('<dir>', 'the plugin folder')
    .argument('[vitestArgs...]', 'arguments for vitest, after --')
    .action(async (dir: string, vitestArgs: string[], _opts, cmd: Command) => {
      status = await (await import('./run-tests.ts')).runTest(dir, vitestArgs, out(cmd));
    });

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (err) {
    // Commander has printed its own message (usage errors, --help, --version).
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
  return status;
}
