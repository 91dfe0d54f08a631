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
  const { session, store } = await finishedRehearsal(SEED000, '000_release.md', {
    failIn: 'デプロイ',
    values: (id, i) => `値${i + 1}-${id.slice(-3)}`,
  });
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

describe('a command run, in the filled-in Markdown', () => {
  it('goes after the closing fence, with its exit code and output in a fence of its own', async () => {
    const rb = Buffer.from(
      '# R\n\n## Phase 1: Go (5 min)\n\n### 1.1 Check\n\n```bash\necho hi\n```\n\n**Actual**: `____`\n',
    );
    const { session, store } = await finishedRehearsal(rb, 'r.md');
    stores.push(store);
    const step = allSteps(session.doc.model)[0]!;
    const c = step.commands[0]!;
    // A run recorded as the host records it (the e2e test records real ones from a pty).
    expect(c.text).toBe('echo hi');
    const rec = readRecord(session.dir);
    rec.entries.push({
      seq: 999,
      time: new Date().toISOString(),
      prev: '',
      event: {
        type: 'command-run',
        stepId: step.id,
        commandId: c.id,
        terminal: 't1',
        text: 'echo hi',
        startedAt: Date.now(),
        endedAt: Date.now(),
        exitCode: 0,
        output: 'hi ```',
        outputChars: 5,
        truncated: false,
        transcript: null,
        comparison: { result: 'match', how: 'exact', detail: '' },
      },
    });
    const md = filledMarkdown(rec);
    expect(md).toMatch(
      /```bash\necho hi\n```\n\n> Ran \d\d:\d\d:\d\d · exit 0 · matches the expected value\n\n````text\nhi ```\n````\n/,
    );
  });
});
