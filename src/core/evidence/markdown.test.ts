import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allSteps } from '../../shared/model';
import { filledMarkdown } from './markdown';
import { readRecord } from './record';
import { Redactor } from './redact';
import { finishedRehearsal } from './testSession';

const SEED000 = readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'));
const stores: { closeAll(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of stores) await s.closeAll();
});

describe('the filled-in Markdown of seed 000, rehearsed and rolled back', async () => {
  const { session, store } = await finishedRehearsal(SEED000, '000_release.md', { failIn: 'デプロイ', values: (id, i) => `値${i + 1}-${id.slice(-3)}` });
  stores.push(store);
  const rec = readRecord(session.dir);
  const md = filledMarkdown(rec, { redactor: new Redactor() });
  const blanks = allSteps(rec.doc.model).flatMap((s) => s.fields.filter((f) => f.kind === 'blank'));

  it('fills all 27 blanks with the recorded values, on their own lines', () => {
    expect(blanks).toHaveLength(27);
    const lines = md.split('\n');
    for (const f of blanks) {
      const v = rec.state.fields[f.id]!.value;
      expect(md).toContain(v);
      expect(lines.some((l) => l.includes(v) && l.includes(f.label.slice(0, 4)))).toBe(true);
    }
    expect(md).not.toMatch(/`_{3,}`/);
  });

  it('ticks the boxes with the time and the operator', () => {
    expect(md).toMatch(/- \[x\] .+ — ✓ \d\d:\d\d:\d\d 山田/);
    const ticked = md.split('\n').filter((l) => /^\s*- \[x\] .* — ✓ \d\d:\d\d:\d\d 山田$/.test(l));
    expect(ticked.length).toBeGreaterThan(10);
  });

  it('shows the failed step, the rollback decision with its reason and decider, and the outcome', () => {
    expect(md).toContain('> tejun: **失敗**');
    expect(md).toContain('ロールアウトが完了しない');
    expect(md).toMatch(/\| \d\d:\d\d:\d\d \| 切り戻し \| デプロイ失敗のため切り戻す \| 佐藤 \| check \|/);
    expect(md).toContain('- 結果: 切り戻し実施');
    expect(md).toContain('⚠ リハーサル記録');
  });

  it('keeps the runbook’s own structure: every heading still there, in order', () => {
    const heads = (t: string) => t.split('\n').filter((l) => /^#{1,6} /.test(l));
    const original = heads(rec.doc.text);
    const exported = heads(md);
    expect(exported.slice(0, original.length)).toEqual(original);
  });
});
