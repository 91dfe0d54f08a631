// Blanks the session fills by itself in the filled-in procedure: seed 000's completion report
// (リリース開始 / リリース完了 / 所要時間) and the 完了時刻 of a backup, left empty by the operator.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allSteps } from '../../shared/model';
import { knownKind } from '../../shared/session/known';
import { filledMarkdown } from './markdown';
import { readRecord } from './record';
import { finishedRehearsal } from './testSession';

const SEED000 = readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'));
const stores: { closeAll(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of stores) await s.closeAll();
});

describe('knownKind', () => {
  it('reads the labels of the seeds and of English runbooks, and nothing else', () => {
    expect(knownKind('リリース開始')).toBe('started');
    expect(knownKind('リリース完了')).toBe('finished');
    expect(knownKind('所要時間')).toBe('duration');
    expect(knownKind('完了時刻')).toBe('step-end');
    expect(knownKind('Started')).toBe('started');
    expect(knownKind('Duration:')).toBe('duration');
    expect(knownKind('実際の結果')).toBeNull();
    expect(knownKind('バックアップファイル名')).toBeNull();
  });
});

describe('seed 000 rehearsed with the time blanks left empty', async () => {
  const { session, store } = await finishedRehearsal(SEED000, '000_release.md', {
    values: (id, i) => `値${i + 1}-${id.slice(-3)}`,
    skipField: (label) => knownKind(label) !== null,
  });
  stores.push(store);
  const rec = readRecord(session.dir);
  const md = filledMarkdown(rec);
  const known = allSteps(rec.doc.model).flatMap((s) => s.fields.filter((f) => knownKind(f.label)));

  it('fills リリース開始 / リリース完了 / 所要時間 and 完了時刻 from the journal’s instants', () => {
    expect(known.length).toBeGreaterThanOrEqual(5);
    for (const f of known) expect(rec.state.fields[f.id]?.value ?? '').toBe('');
    const line = (label: string) => md.split('\n').find((l) => l.includes(`**${label}**`) && !/\d+分$/.test(l)) ?? '';
    expect(line('リリース開始')).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(line('リリース完了')).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(md).toMatch(/\*\*所要時間\*\*: `?\d+(時間|分|秒)/);
    expect(line('完了時刻')).toMatch(/\d\d:\d\d:\d\d/);
    expect(md).not.toMatch(/`_{3,}`/);
  });
});

describe('seed 000 with its people and version filled', async () => {
  const { session, store } = await finishedRehearsal(SEED000, '000_release.md', {
    extraVariables: {
      'リリース責任者.氏名': '佐藤',
      'リリース責任者.電話番号': '090-1111-2222',
      '承認者.氏名': '高橋',
      VERSION: 'v2.4.0',
    },
  });
  stores.push(store);
  const md = filledMarkdown(readRecord(session.dir));
  it('shows each role’s own name and number, the operator as 作業者, and the version, where the runbook left blanks', () => {
    expect(md).toContain('| **作業者** | 山田 |');
    expect(md).toContain('| **承認者** | 高橋 |');
    expect(md).toMatch(/リリース責任者: 佐藤 090-1111-2222/);
    // Not filled: stays as the runbook wrote it, never another role's value.
    expect(md).toMatch(/インフラ担当: \[氏名\] \[電話番号\]/);
    expect(md).toContain('v2.4.0');
    expect(md).not.toContain('v[X.X.X]');
  });
});
