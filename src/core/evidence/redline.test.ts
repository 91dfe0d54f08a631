import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePatch } from 'diff';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRecord } from './record';
import { redlinePatch, type StepRedlines } from './redline';
import { driveNight } from './testNight';

const SEED000 = join(__dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt');

describe('redlines: a night with a skip, an overrun and an accepted mismatch, proposed back into the runbook', () => {
  let patch: string;
  let redlines: StepRedlines[];
  let runbook: Buffer;
  beforeAll(async () => {
    runbook = readFileSync(SEED000);
    // A real night (not a rehearsal): its outputs are production's, worth proposing as expected values.
    const { session } = await driveNight(runbook, 'seed000.md', {
      rehearsal: false,
      skip: ['メンテナンス告知'],
      minutes: (s) => (s.title.includes('バックアップ取得') ? 25 : (s.estimateMinutes ?? 1)),
      mismatch: { step: 'アプリケーションバージョン確認', output: 'registry/api:v1.0.9' },
      output: { step: 'バックアップ取得', output: 'バックアップ完了: Thu Dec  3 01:40:00 JST 2026' },
      notes: [{ step: 'ディスク容量確認', text: '空き容量は 42GB' }],
      typed: { step: 'イメージビルド', commandLine: 'docker build -t api:dev .' },
    });
    ({ patch, redlines } = redlinePatch(readRecord(session.dir)));
  });
  const of = (fragment: string) => redlines.find((r) => r.step.title.includes(fragment));

  it('collects each difference against its step', () => {
    expect(of('メンテナンス告知')?.items.map((i) => i.kind)).toEqual(['skipped']);
    expect(of('バックアップ取得')?.items.map((i) => i.kind)).toContain('overran');
    expect(of('バックアップ取得')?.estimate).toBe(25);
    expect(of('アプリケーションバージョン確認')?.items).toEqual([
      { kind: 'accepted-mismatch', detail: 'registry/api:v1.0.9' },
    ]);
    expect(of('ディスク容量確認')?.items).toEqual([{ kind: 'note', detail: '空き容量は 42GB' }]);
    const typed = [{ kind: 'typed-command', detail: 'docker build -t api:dev .' }];
    expect(of('イメージビルド')?.items).toEqual(typed);
    // A step walked as written has no redline.
    expect(of('サービス稼働確認')).toBeUndefined();
  });

  it('is a patch git accepts against the runbook, touching only the redlined steps', () => {
    const repo = mkdtempSync(join(tmpdir(), 'tejun-redline-'));
    writeFileSync(join(repo, 'seed000.md'), runbook);
    writeFileSync(join(repo, 'redline.patch'), patch);
    execFileSync('git', ['apply', '--check', 'redline.patch'], { cwd: repo });
    execFileSync('git', ['apply', 'redline.patch'], { cwd: repo });
    const after = readFileSync(join(repo, 'seed000.md'), 'utf8');
    expect(after).toContain('> redline: スキップされた（理由: 今回は対象外）');
    expect(after).toContain('> redline: 期待値と違う出力を確認のうえ続行: registry/api:v1.0.9');
    // The expected value goes after the command's closing fence, as the runbook writes them.
    const expected = '**期待値**: `バックアップ完了: Thu Dec  3 01:40:00 JST 2026`';
    expect(after).toContain(`echo "バックアップ完了: $(date)"\n\`\`\`\n\n${expected}`);
    expect(after).toMatch(/#### 【変化】バックアップ取得\n\n\*\*所要時間\*\*: 25分\n/);
    const ranges = redlines.map((r) => [r.step.line, r.step.endLine] as const);
    const inside = (line: number) => ranges.some(([a, b]) => line >= a && line <= b);
    for (const h of parsePatch(patch)[0]!.hunks) {
      let old = h.oldStart;
      for (const l of h.lines) {
        if (l.startsWith('-')) expect(inside(old), l).toBe(true);
        if (l.startsWith('+')) expect(inside(old - 1), l).toBe(true);
        if (!l.startsWith('+')) old++;
      }
    }
  });

  it('does not offer a rehearsal’s output (the shims’) as an expected value', async () => {
    const output = { step: 'バックアップ取得', output: '[rehearsal] pg_dump — simulated, nothing was run' };
    const { session } = await driveNight(runbook, 'seed000.md', { rehearsal: true, output });
    const r = redlinePatch(readRecord(session.dir));
    expect(r.redlines.some((x) => x.observed)).toBe(false);
    expect(r.patch).not.toContain('simulated');
  });
});
