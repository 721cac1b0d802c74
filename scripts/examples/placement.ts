/**
 * @module Where an example stands in the module it documents: the module's text, its type-only
 * imports made value imports, then the example's own import lines, an import of the givens it
 * uses, and each example in a block of its own.
 */
import path from 'node:path';
import ts from 'typescript';
import type { Example } from './extract.ts';

/** Where an example's code stands in the compiled text: offsets, first line, source lines. */
export interface Region {
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

/** The module's text with its examples appended, and where each example's code stands in it. */
export function withExamples(
  file: string,
  text: string,
  examples: Example[],
  givens: { file: string; names: Map<string, boolean> } | undefined,
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
  const free = [...(givens?.names ?? [])].filter(
    ([n]) => words.has(n) && !declared.has(n) && !imported.has(n),
  );
  if (givens && free.length > 0) {
    const from = path.relative(path.dirname(file), givens.file).split(path.sep).join('/');
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
