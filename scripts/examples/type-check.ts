/**
 * @module Type-checks the `@example`s of TypeScript modules, each in the module it documents.
 *
 * Each example is checked where it stands: its module is compiled with the example appended in a
 * block of its own (in memory; no file is written), so the module's own names (its declarations
 * and imports, type-only ones included) are in scope, as they are to its reader. Besides those,
 * an example may use:
 * - what `givens/<package>.ts` exports: the package's public API and that of the packages it
 *   builds on (what a reader imports), and typed placeholders for what a reader already holds
 *   (a manifest, a host, a database);
 * - its own `import` lines, which are moved to the top level of the module;
 * - `…` in an object or array literal, standing for what the example leaves out (read as a spread
 *   of an unknown value, so the rest of the call is still checked).
 * Top-level `await` and `using` work; an `export default` (a plugin's) is checked as an expression.
 * Only types are checked: the values in `// →` comments are not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { examplesIn } from './extract.ts';
import type { NotChecked } from './not-checked.ts';
import { type Region, withExamples } from './placement.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The packages whose product code is checked; each has its `givens/<package>.ts`. */
export const PACKAGES = ['schemas', 'core', 'sdk', 'edge-node', 'hub'];
const PRODUCT = /(?<!\.(test|fixture|bench|d))\.ts$/;
const givensFile = (pkg: string) => path.join(import.meta.dirname, 'givens', `${pkg}.ts`);

/** The product files (no tests, fixtures, benches or declarations) under `dir`. */
export function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && PRODUCT.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !file.split(path.sep).includes('node_modules'));
}

/** The exported names of each package's givens, and whether each is a value (else a type only). */
function givenNames(program: ts.Program, packages: string[]): Map<string, Map<string, boolean>> {
  const checker = program.getTypeChecker();
  const byPackage = new Map<string, Map<string, boolean>>();
  for (const pkg of packages) {
    const source = program.getSourceFile(givensFile(pkg));
    const module = source && checker.getSymbolAtLocation(source);
    const names = new Map<string, boolean>();
    for (const symbol of module ? checker.getExportsOfModule(module) : []) {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      names.set(symbol.name, (target.flags & ts.SymbolFlags.Value) !== 0);
    }
    byPackage.set(pkg, names);
  }
  return byPackage;
}

function compilerOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options;
}

/** A compiler host that serves `compiled` texts in place of the files, and parses each file once. */
function hostWith(options: ts.CompilerOptions, compiled: Map<string, string>): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const parsed = new Map<string, ts.SourceFile | undefined>();
  host.getSourceFile = (name, languageVersion, onError) => {
    const key = path.resolve(name);
    const text = compiled.get(key);
    if (text !== undefined) return ts.createSourceFile(name, text, languageVersion, true);
    if (!parsed.has(key)) parsed.set(key, getSourceFile(name, languageVersion, onError));
    return parsed.get(key);
  };
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => compiled.get(path.resolve(name)) ?? readFile(name);
  return host;
}

export interface ExamplesReport {
  /** One line per problem: `file:line:column TScode: message`, then the example's line. */
  problems: string[];
  /** Examples checked, and examples left out by `notChecked`. */
  checked: number;
  skipped: number;
}

const packageOf = (file: string) => path.relative(ROOT, file).split(path.sep)[0] ?? '';

/**
 * Type-checks the examples of `files` (absolute paths), leaving out those `notChecked` names. An
 * entry of `notChecked` for one of `files` that matches no example is a problem too.
 */
export function checkExamples(files: string[], notChecked: readonly NotChecked[]): ExamplesReport {
  const options = compilerOptions();
  const compiled = new Map<string, string>();
  const host = hostWith(options, compiled);
  const packages = PACKAGES.filter((pkg) => files.some((file) => packageOf(file) === pkg));
  const givensProgram = ts.createProgram(packages.map(givensFile), options, host);
  const givens = givenNames(givensProgram, packages);

  const regions = new Map<string, Region[]>();
  const skipped = new Set<NotChecked>();
  const seen = new Set<string>();
  let checked = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    seen.add(rel);
    if (!text.includes('@example')) continue;
    const examples = examplesIn(text).filter((example) => {
      const first = example.lines[0]?.trim() ?? '';
      const entry = notChecked.find((n) => n.file === rel && first.startsWith(n.startsWith));
      if (entry) skipped.add(entry);
      return !entry;
    });
    checked += examples.length;
    if (examples.length === 0) continue;
    const pkg = packageOf(file);
    const names = givens.get(pkg);
    const given = names && { file: givensFile(pkg), names };
    const [out, placed] = withExamples(file, text, examples, given);
    compiled.set(file, out);
    regions.set(file, placed);
  }
  const program = ts.createProgram([...compiled.keys()], options, host, givensProgram);

  const problems: string[] = [];
  for (const [file, placed] of regions) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not compiled: ${file}`);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const d of diagnostics) {
      const start = d.start ?? -1;
      const at = placed.find((r) => start >= r.start && start < r.end);
      if (!at) continue;
      const { line, character } = source.getLineAndCharacterOfPosition(start);
      const i = line - at.firstLine;
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n    ');
      problems.push(
        `${path.relative(ROOT, file)}:${at.sourceLines[i]}:${character + 1} TS${d.code}: ${message}\n    │ ${at.code[i]?.trim()}`,
      );
    }
  }
  for (const entry of notChecked) {
    if (seen.has(entry.file) && !skipped.has(entry))
      problems.push(
        `${entry.file}: no @example starts with "${entry.startsWith}": take it out of not-checked.ts`,
      );
  }
  return { problems, checked, skipped: skipped.size };
}
