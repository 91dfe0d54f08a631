#!/usr/bin/env node
// Validates every <slug>.labels.json in this folder against its <slug>.md, so that a label
// that drifts from its fixture (line moved, fence added) fails loudly instead of skewing the bench.
// Usage: node runbooks/corpus/check-labels.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const ROLES = new Set(['command', 'output', 'file', 'sql', 'message', 'other']);

/** Opening fences (1-based line) with their content length, CommonMark-style closing rule. */
export function scanFences(text) {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const fences = [];
  let open = null;
  let comment = false; // CommonMark HTML block: a fence inside <!-- … --> is not a fence
  lines.forEach((line, i) => {
    if (comment) {
      if (line.includes('-->')) comment = false;
      return;
    }
    if (open) {
      const m = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1][0] === open.ch && m[1].length >= open.len) {
        open.contentLines = i - open.line;
        fences.push(open);
        open = null;
      }
      return;
    }
    if (/^ {0,3}<!--/.test(line) && !line.includes('-->')) {
      comment = true;
      return;
    }
    const m = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) return;
    if (m[1][0] === '`' && m[2].includes('`')) return; // inline code, not a fence
    open = { line: i + 1, ch: m[1][0], len: m[1].length, info: m[2].trim() };
  });
  if (open) throw new Error(`fence opened at line ${open.line} never closes`);
  return { fences, lines };
}

function isHeading(lines, n) {
  const line = lines[n - 1] ?? '';
  if (/^\s{0,3}#{1,6}(\s|$)/.test(line)) return true;
  const next = lines[n] ?? '';
  return line.trim() !== '' && /^\s{0,3}(=+|-+)\s*$/.test(next);
}

function checkOne(slug) {
  const errors = [];
  const md = readFileSync(join(dir, `${slug}.md`), 'utf8');
  let labels;
  try {
    labels = JSON.parse(readFileSync(join(dir, `${slug}.labels.json`), 'utf8'));
  } catch (e) {
    return [`labels do not parse: ${e.message}`];
  }
  const { fences, lines } = scanFences(md);
  if (!['ja', 'en'].includes(labels.language)) errors.push(`language must be ja|en`);
  if (typeof labels.procedure !== 'boolean') errors.push('procedure must be boolean');
  if (typeof labels.shapeOf !== 'string' || !labels.shapeOf) errors.push('shapeOf missing');
  if (!Number.isInteger(labels.steps) || labels.steps < 0) errors.push('steps must be an integer ≥ 0');
  const byLine = new Map(fences.map((f) => [f.line, f]));
  const seen = new Set();
  let prev = 0;
  for (const b of labels.blocks ?? []) {
    if (!ROLES.has(b.role)) errors.push(`line ${b.line}: unknown role ${b.role}`);
    if (!byLine.has(b.line)) errors.push(`line ${b.line}: labelled but is not an opening fence`);
    if (seen.has(b.line)) errors.push(`line ${b.line}: labelled twice`);
    if (b.line <= prev) errors.push(`line ${b.line}: blocks not in document order`);
    seen.add(b.line);
    prev = b.line;
    const f = byLine.get(b.line);
    for (const o of b.outputLines ?? []) {
      if (!f || o < 1 || o > f.contentLines) errors.push(`line ${b.line}: outputLines ${o} outside block`);
    }
  }
  for (const f of fences) if (!seen.has(f.line)) errors.push(`line ${f.line}: fence not labelled`);
  for (const c of labels.inlineCommands ?? []) {
    if (!(lines[c.line - 1] ?? '').includes('`' + c.text + '`')) {
      errors.push(`line ${c.line}: inline command \`${c.text}\` not found there`);
    }
  }
  const rb = labels.rollback;
  if (rb !== null && rb !== undefined) {
    if (rb.whole !== true && !isHeading(lines, rb.line)) errors.push(`rollback line ${rb.line} is not a heading`);
  } else if (rb === undefined) errors.push('rollback missing (use null)');
  return errors;
}

const slugs = readdirSync(dir).filter((f) => f.endsWith('.labels.json')).map((f) => f.slice(0, -12));
const mds = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'sources.md').map((f) => f.slice(0, -3));
let bad = 0;
for (const m of mds) if (!slugs.includes(m)) { console.log(`${m}: no labels file`); bad++; }
for (const slug of slugs.sort()) {
  const errs = checkOne(slug);
  if (errs.length) { bad++; for (const e of errs) console.log(`${slug}: ${e}`); }
}
console.log(bad ? `${bad} document(s) with problems` : `${slugs.length} documents, all labels consistent`);
process.exit(bad ? 1 : 0);
