// The shape of the code is part of the test suite: no function in src/ over 80 lines, no line over 120 characters
// except where Prettier cannot break it (inside a string, template or regex literal; a comment's URL).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = import.meta.dirname;
const MAX_FUNCTION_LINES = 80;
const MAX_LINE = 120;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

interface Source {
  file: string;
  source: ts.SourceFile;
}

const read = (file: string, text: string): Source => {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return { file, source: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind) };
};

const files = sourceFiles(join(ROOT, 'src')).map((path) => read(relative(ROOT, path), readFileSync(path, 'utf8')));

/** What a reader would call the function: its own name, or the variable, property or method it is assigned to. */
function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name && !ts.isComputedPropertyName(node.name)) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name)
    return parent.name.getText();
  if (ts.isCallExpression(parent)) return `(argument of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

interface Found {
  where: string;
  lines: number;
}

function longFunctions(files: Source[]): Found[] {
  const found: Found[] = [];
  for (const { file, source } of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const fn = node as ts.FunctionLikeDeclaration;
        const first = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
        const last = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
        found.push({ where: `${file}:${nameOf(fn)}`, lines: last - first + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.sort((a, b) => b.lines - a.lines);
}

/** Lines a formatter cannot shorten: they lie within a literal Prettier keeps whole. */
function unbreakableLines(source: ts.SourceFile): Set<number> {
  const lines = new Set<number>();
  const mark = (start: number, end: number): void => {
    const a = source.getLineAndCharacterOfPosition(start).line;
    const b = source.getLineAndCharacterOfPosition(end).line;
    for (let l = a; l <= b; l++) lines.add(l);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node) ||
      ts.isRegularExpressionLiteral(node) ||
      ts.isJsxText(node)
    )
      mark(node.getStart(source), node.getEnd());
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

function longLines(files: Source[]): string[] {
  const out: string[] = [];
  for (const { file, source } of files) {
    const keep = unbreakableLines(source);
    source.text.split('\n').forEach((line, i) => {
      if (line.length <= MAX_LINE || keep.has(i)) return;
      // A URL in a comment cannot be wrapped.
      if (/^\s*(\/\/|\*|\/\*).*\bhttps?:\/\/\S{40,}/.test(line)) return;
      out.push(`${file}:${i + 1} (${line.length} characters)`);
    });
  }
  return out;
}

describe('the shape of the code', () => {
  it(`has no function over ${MAX_FUNCTION_LINES} lines in src/ (tests aside)`, () => {
    const all = longFunctions(files);
    // The longest, for whoever reads the test's output.
    console.log(
      'longest functions:\n' +
        all
          .slice(0, 10)
          .map((f) => `  ${f.lines}\t${f.where}`)
          .join('\n'),
    );
    const over = all.filter((f) => f.lines > MAX_FUNCTION_LINES);
    expect(over.map((f) => `${f.where} (${f.lines} lines)`)).toEqual([]);
  });

  it(`has no source line over ${MAX_LINE} characters that Prettier could have broken`, () => {
    expect(longLines(files)).toEqual([]);
  });

  it('finds what it looks for: a long function, a long line; not a long string', () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const wide = `const x = [${'1, '.repeat(50)}];`;
    const text = `function tooLong() {\n${body}\n}\n${wide}\nconst s = '${'a'.repeat(130)}';\n`;
    const sample = [read('src/x.ts', text)];
    expect(longFunctions(sample)[0]).toEqual({ where: 'src/x.ts:tooLong', lines: MAX_FUNCTION_LINES + 2 });
    expect(longLines(sample)).toEqual([`src/x.ts:${MAX_FUNCTION_LINES + 3} (${wide.length} characters)`]);
  });
});
