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
import { type Example, examplesIn } from './extract.ts';
import type { NotChecked } from './not-checked.ts';

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

/** Where an example's code stands in the compiled text: offsets, first line, source lines. */
interface Region {
  start: number;
  end: number;
  firstLine: number;
  code: string[];
  sourceLines: number[];
}

/** The names a module declares or imports at its top level: givens must not clash with them. */
function topLevelNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName | undefined) => {
    if (!name) return;
    if (ts.isIdentifier(name)) names.add(name.text);
    else
      for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement) ||
        ts.isModuleDeclaration(statement)) &&
      statement.name &&
      ts.isIdentifier(statement.name)
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/**
 * The module's text with its type-only imports made value imports: a class the module needs only
 * as a type is one its reader imports to use (`HubAuth.open(…)`), and the check sees it so.
 */
function valueImports(source: ts.SourceFile): string {
  const cuts: Array<[number, number]> = [];
  const typeKeyword = (node: ts.Node) => {
    const start = node.getStart(source);
    cuts.push([start, start + 'type '.length]);
  };
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const clause = statement.importClause;
    if (clause.isTypeOnly) typeKeyword(clause);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) if (element.isTypeOnly) typeKeyword(element);
  }
  let text = source.text;
  for (const [start, end] of cuts.reverse()) {
    if (text.slice(start, end) === 'type ') text = text.slice(0, start) + text.slice(end);
  }
  return text;
}

/** An example split into its `import` lines and the rest, each line with its source line. */
function split(example: Example): [Example, Example] {
  const imports: Example = { lines: [], sourceLines: [] };
  const body: Example = { lines: [], sourceLines: [] };
  let inImport = false;
  example.lines.forEach((line, i) => {
    const sourceLine = example.sourceLines[i] as number;
    inImport ||= /^import\s/.test(line);
    const to = inImport ? imports : body;
    to.lines.push(line);
    to.sourceLines.push(sourceLine);
    if (inImport && /(from\s*|^import\s*)['"][^'"]+['"];?\s*(\/\/.*)?$/.test(line))
      inImport = false;
  });
  return [imports, body];
}

/** The body as statements: `…` in a literal spreads an unknown, `export default` is an expression. */
function statementsOf(body: Example): string[] {
  return body.lines.map((line) =>
    line
      .replace(/^(\s*)export default /, '$1void ')
      .replace(/([{[,]\s*)…(\s*[}\]])/g, '$1...(undefined as any)$2'),
  );
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

/** The module's text with its examples appended, and where each example's code stands in it. */
function withExamples(
  file: string,
  text: string,
  examples: Example[],
  givens: Map<string, boolean>,
): [string, Region[]] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const declared = topLevelNames(source);
  const regions: Region[] = [];
  let out = `${valueImports(source)}\n// ── its @examples, as scripts/examples/check.ts checks them ──\n`;
  const place = (lines: string[], example: Example) => {
    const start = out.length;
    const firstLine = out.split('\n').length - 1;
    out += `${lines.join('\n')}\n`;
    regions.push({
      start,
      end: out.length,
      firstLine,
      code: example.lines,
      sourceLines: example.sourceLines,
    });
  };
  const parts = examples.map(split);
  const imported = new Set<string>();
  for (const [imports] of parts) {
    if (imports.lines.length === 0) continue;
    place(imports.lines, imports);
    const names = ts.createSourceFile(
      'imports.ts',
      imports.lines.join('\n'),
      ts.ScriptTarget.Latest,
    );
    for (const name of topLevelNames(names)) imported.add(name);
  }
  const words = new Set(
    examples.flatMap((e) => e.lines.join('\n').match(/[A-Za-z_$][\w$]*/g) ?? []),
  );
  const free = [...givens].filter(([n]) => words.has(n) && !declared.has(n) && !imported.has(n));
  if (free.length > 0) {
    const pkg = path.relative(ROOT, file).split(path.sep)[0] ?? '';
    const from = path.relative(path.dirname(file), givensFile(pkg)).split(path.sep).join('/');
    const list = free.map(([name, isValue]) => (isValue ? name : `type ${name}`)).join(', ');
    out += `import { ${list} } from '${from}';\n`;
  }
  for (const [, body] of parts) {
    out += '{\n';
    place(statementsOf(body), body);
    out += '}\n';
  }
  return [out, regions];
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
    const given = givens.get(packageOf(file)) ?? new Map();
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
