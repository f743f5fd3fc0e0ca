// What ARCHITECTURE.md says each folder may import, held: every import of src/ (static, `export …
// from`, `import()`, `import type` alike), read from the syntax tree, goes to its own folder or one
// below it in the layers; the engine and the formatters do no I/O; no two modules import each other.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The layers, top first: a folder may import its own and those after it. `shared` is src/*.ts. */
const LAYERS = [['cli'], ['run'], ['workbook'], ['report'], ['profiles'], ['engine', 'checks'], ['schema'], ['text'], ['i18n'], ['shared'], ['ooxml']] as const;
type Folder = (typeof LAYERS)[number][number];

/** Imports that cross the layers upwards, each with its reason (ARCHITECTURE.md: Known seams). */
const SEAMS: Record<string, string> = {
  'src/errors.ts -> src/i18n/messages.ts': 'a RunError words itself through a closure typed by the messages (a type only)',
};

const LEVEL = new Map<string, number>(LAYERS.flatMap((names, level) => names.map((name) => [name, level] as [string, number])));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** A declaration that brings in types only (`import type`, `import { type A }`, `export type … from`). */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
  const clause = node.importClause;
  if (clause === undefined) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** Every module a file names: import and export declarations (types too), and import() calls. */
function specifiers(file: string): { spec: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { spec: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: typeOnly(node) });
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.push({ spec: node.arguments[0].text, typeOnly: false });
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push({ spec: node.argument.literal.text, typeOnly: true });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The folder of a file under src/: `engine`, or `shared` for src/*.ts. */
function folderOf(file: string): Folder {
  const parts = relative('src', file).split(/[\\/]/);
  return (parts.length === 1 ? 'shared' : parts[0]) as Folder;
}

const FILES = sources('src');

const pathOf = (file: string, spec: string) => relative('.', resolve(dirname(file), spec)).replace(/\.js$/, '.ts').split('\\').join('/');

/** Each file's imports of perf-score's own modules, as repository paths (`src/engine/score.ts`); those that run. */
const EDGES = FILES.map((file) => {
  const all = specifiers(file);
  const ours = all.filter((s) => s.spec.startsWith('.'));
  return {
    file,
    imports: ours.map((s) => pathOf(file, s.spec)),
    runtime: ours.filter((s) => !s.typeOnly).map((s) => pathOf(file, s.spec)),
    packages: all.filter((s) => !s.spec.startsWith('.')).map((s) => s.spec),
  };
});

describe('the layers of ARCHITECTURE.md', () => {
  it('knows every folder of src/, and ARCHITECTURE.md names each', () => {
    const folders = new Set(FILES.map(folderOf));
    expect([...folders].filter((f) => !LEVEL.has(f))).toEqual([]);
    const doc = readFileSync('ARCHITECTURE.md', 'utf8');
    for (const f of folders) if (f !== 'shared') expect(doc, f).toContain(`\`src/${f}/\``);
  });

  it('no module imports a folder above its own', () => {
    const upward: string[] = [];
    for (const { file, imports } of EDGES) {
      for (const target of imports) {
        const edge = `${file.split('\\').join('/')} -> ${target}`;
        if (LEVEL.get(folderOf(target))! < LEVEL.get(folderOf(file))! && !(edge in SEAMS)) upward.push(edge);
      }
    }
    expect(upward).toEqual([]);
  });

  it('the engine and the checks know nothing of words, workbooks, outputs or the command line', () => {
    for (const { file, imports } of EDGES.filter((e) => ['engine', 'checks'].includes(folderOf(e.file)))) {
      expect(imports.filter((t) => ['i18n', 'workbook', 'report', 'run', 'cli', 'ooxml'].includes(folderOf(t))), file).toEqual([]);
    }
  });

  it('schema does not import the engine', () => {
    for (const { file, imports } of EDGES.filter((e) => folderOf(e.file) === 'schema')) {
      expect(imports.filter((t) => folderOf(t) === 'engine' || folderOf(t) === 'checks'), file).toEqual([]);
    }
  });

  it('the engine, the checks, the formatters and the words do no I/O: no Node module, no process', () => {
    for (const { file, packages } of EDGES.filter((e) => ['engine', 'checks', 'report', 'i18n', 'schema', 'text'].includes(folderOf(e.file)))) {
      expect(packages.filter((p) => p.startsWith('node:') || ['fs', 'path', 'child_process', 'worker_threads'].includes(p)), file).toEqual([]);
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/\bprocess\.(?:stdout|stderr|env|cwd|exit)/);
    }
  });

  it('no two modules import each other at run time, directly or through others', () => {
    // Types may refer back (model.ts names RunError, which is worded by i18n's messages); code may not.
    const graph = new Map(EDGES.map((e) => [e.file.split('\\').join('/'), e.runtime]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
