// Every word the operator reads comes from the catalog (src/shared/i18n): a test, since a lint rule would need a
// plugin for one check. It reads the renderer's components for text written inline (JSX text, and the attributes
// a screen reader or a tooltip speaks) and the session machine for a refusal without a catalog key.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './src/shared/i18n';

const ROOT = import.meta.dirname;
const SPOKEN_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'aria-description']);
// A word: a letter of any script. Symbols and digits alone (✓, ·, →, 1/2) are not words.
const WORD = /\p{L}{2,}/u;

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => ext.test(f) && !f.endsWith('.test.ts'))
    .map((f) => join(dir, f));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

const where = (sf: ts.SourceFile, n: ts.Node): string =>
  `${relative(ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;

/** Inline words in a component: JSX text, and string literals given to a spoken attribute. */
export function inlineWords(sf: ts.SourceFile): string[] {
  const found: string[] = [];
  walk(sf, (n) => {
    if (ts.isJsxText(n) && WORD.test(n.text)) found.push(`${where(sf, n)} text "${n.text.trim()}"`);
    // `{'words'}` as a child is JSX text too.
    const child = ts.isJsxExpression(n) && !ts.isJsxAttribute(n.parent) ? n.expression : undefined;
    if (child && ts.isStringLiteralLike(child) && WORD.test(child.text))
      found.push(`${where(sf, n)} text "${child.text}"`);
    if (ts.isJsxAttribute(n) && SPOKEN_ATTRIBUTES.has(n.name.getText(sf))) {
      const init = n.initializer;
      const literal = init && ts.isJsxExpression(init) ? init.expression : init;
      if (literal && ts.isStringLiteralLike(literal) && WORD.test(literal.text))
        found.push(`${where(sf, n)} ${n.name.getText(sf)}="${literal.text}"`);
    }
  });
  return found;
}

/** What a refusal's first argument can be: each branch's string literal, or `null` for a branch that is not one. */
function literalKeys(n: ts.Node): (string | null)[] {
  if (ts.isStringLiteralLike(n)) return [n.text];
  if (ts.isConditionalExpression(n)) return [...literalKeys(n.whenTrue), ...literalKeys(n.whenFalse)];
  if (ts.isParenthesizedExpression(n)) return literalKeys(n.expression);
  return [null];
}

/**
 * Refusals in the machine's folds that do not name a catalog key. A key held in a variable (a rule's `refusal`) is
 * typed `ErrorKey` and checked by the compiler; a literal, or a sentence built by hand, is checked here.
 */
export function unkeyedRefusals(sf: ts.SourceFile, keys: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const report = (n: ts.Node): number => found.push(`${where(sf, n)} ${n.getText(sf).slice(0, 80)}`);
  walk(sf, (n) => {
    if (ts.isCallExpression(n) && n.expression.getText(sf) === 'reject') {
      const key = n.arguments[0];
      const named = key && (ts.isIdentifier(key) || ts.isPropertyAccessExpression(key));
      if (!named && (!key || literalKeys(key).some((k) => k === null || !keys.has(k)))) report(n);
    }
    // An object literal `{ ok: false, … }` is a refusal built by hand, with no key.
    if (ts.isObjectLiteralExpression(n) && /\bok:\s*false\b/.test(n.getText(sf))) report(n);
  });
  return found;
}

describe('the catalog holds every word the operator reads', () => {
  it('renderer components write no words inline', () => {
    const files = filesUnder(join(ROOT, 'src/renderer/src'), /\.tsx$/);
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap((f) => inlineWords(parse(f)))).toEqual([]);
  });

  it('every refusal of the session machine names a catalog key', () => {
    const keys = new Set(Object.keys(CATALOG.en.errors));
    const dir = join(ROOT, 'src/core/session');
    const files = ['machine.ts', 'fold.ts', 'recordFolds.ts', 'stepFolds.ts', 'lifecycleFolds.ts'].map((f) =>
      join(dir, f),
    );
    expect(files.flatMap((f) => unkeyedRefusals(parse(f), keys))).toEqual([]);
  });

  it('the guards see what they guard against', () => {
    const sf = (code: string): ts.SourceFile =>
      ts.createSourceFile('x.tsx', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    expect(inlineWords(sf('const a = <p>Start the release</p>;'))).toHaveLength(1);
    expect(inlineWords(sf('const a = <button aria-label="Close">×</button>;'))).toHaveLength(1);
    expect(inlineWords(sf('const a = <input placeholder={"名前"} />;'))).toHaveLength(1);
    expect(inlineWords(sf("const a = <p>{'Done'}</p>;"))).toHaveLength(1);
    expect(inlineWords(sf('const a = <p title={t("x.y")}>{t("x.z")} · 1/2</p>;'))).toEqual([]);
    const keys = new Set(['reject.known']);
    expect(unkeyedRefusals(sf("reject('reject.known'); reject('Unknown step.');"), keys)).toHaveLength(1);
    expect(unkeyedRefusals(sf("const r = { ok: false, reason: 'no' };"), keys)).toHaveLength(1);
    expect(unkeyedRefusals(sf("reject(a ? 'reject.known' : `Step ${x} failed`);"), keys)).toHaveLength(1);
    expect(unkeyedRefusals(sf("reject(a ? 'reject.known' : 'reject.known'); reject(rule.refusal);"), keys)).toEqual([]);
  });
});
