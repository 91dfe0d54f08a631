// Fuzzing the parser: random Markdown-ish text and mutated seeds must always give a valid model,
// never a crash or a hang. The time bound is a hang detector (seconds), not a performance test.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Runbook } from '../../shared/model';
import { lintRunbook } from './lint';
import { parseRunbook } from './parse';
import { describeRunbook } from './load';

const SEEDS = resolve(import.meta.dirname, '../../../../shared/seeds');
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(SEEDS, f), 'utf8'));
// Generous on purpose: under CI load the 20,000-heading file takes ~4 s; a quadratic parser would take minutes.
// How fast parsing is belongs to `npm run bench:parse`, not here.
const HANG_BOUND_MS = 20_000;

function check(text: string): void {
  const t = performance.now();
  const model = parseRunbook(text);
  lintRunbook(model);
  const took = performance.now() - t;
  const valid = Runbook.safeParse(model);
  if (!valid.success) throw new Error(`invalid model: ${valid.error.message.slice(0, 300)}`);
  if (took > HANG_BOUND_MS) throw new Error(`parse took ${took.toFixed(0)} ms for ${text.length} chars`);
}

const pieces = [
  '# ',
  '## ',
  '### フェーズ1: 準備（30分）\n',
  '#### 【変化】x\n',
  '```bash\n',
  '```\n',
  '```',
  '- [ ] ',
  '- [x] ',
  '  - ',
  '| a | b |\n|---|---|\n',
  '| _____ | [ ] |\n',
  '**期待値**: `x`\n',
  '**実際の値**: `______`\n',
  '**所要時間**: 5分\n',
  '❌ もしも失敗した場合\n',
  '✅ 正常\n',
  '> ',
  '<DB_HOST>',
  'vX.X.X',
  '$DATABASE_URL',
  '---\n',
  '~~~\n',
  '\n',
  'text ',
  '切り戻し',
  '制限時間: 2時間',
  '<!--',
  '-->',
  '\t',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '*',
  '_',
  '`',
  '[',
  ']',
  '(',
  ')',
];

describe('parser fuzz', () => {
  it('survives random Markdown-ish text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 300 }), (parts) => check(parts.join(''))),
      { numRuns: 400, seed: 42 },
    );
  });
  it('survives arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (s) => check(s)),
      { numRuns: 300, seed: 7 },
    );
  });
  it('survives mutated seeds (lines dropped, duplicated, swapped, cut)', () => {
    const mutate = fc.tuple(
      fc.integer({ min: 0, max: seeds.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 30 }),
    );
    fc.assert(
      fc.property(mutate, ([which, ops]) => {
        const lines = seeds[which]!.split('\n');
        for (const [a, b, op] of ops) {
          const i = a % lines.length;
          const j = b % lines.length;
          if (op === 0) lines.splice(i, 1);
          else if (op === 1) lines.splice(i, 0, lines[j]!);
          else if (op === 2) [lines[i], lines[j]] = [lines[j]!, lines[i]!];
          else lines[i] = lines[i]!.slice(0, j % (lines[i]!.length + 1));
        }
        check(lines.join('\n'));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
  it('handles the hostile shapes: 20,000 headings, 10,000-deep nesting, very long lines, unclosed fences', () => {
    check(Array.from({ length: 20_000 }, (_, i) => `## フェーズ${i}: x（5分）\n### s\n- [ ] ok`).join('\n'));
    check(`${'- '.repeat(10_000)}deep\n${'> '.repeat(10_000)}quote\n${'#### '.repeat(2000)}`);
    check(`# T\n${'a'.repeat(1_000_000)}\n**期待値**: \`${'_'.repeat(100_000)}\``);
    const unclosed = parseRunbook('# T\n## Phase 1: A (5 min)\n### Step\n```bash\necho never closed\n');
    expect(unclosed.diagnostics.map((d) => d.code)).toContain('unclosed-fence');
    expect(describeRunbook(new TextEncoder().encode('```'), 'f.md').model.kind).toBe('reference');
  });
});
