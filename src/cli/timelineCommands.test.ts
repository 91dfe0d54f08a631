import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driveNight } from '../core/evidence/testNight';
import { main } from './index';

const SEED000 = join(__dirname, '../../../shared/seeds/000_8597f5dc98a4b98d.txt');

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(
    argv,
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, out: lines.join('\n') };
}

describe('tejun baseline and tejun redline', () => {
  it('prints p50/p90 per step from the data folder, and writes a patch git applies', async () => {
    const took = (n: number) => (s: { title: string; estimateMinutes: number | null }) =>
      s.title.includes('バックアップ取得') ? n : (s.estimateMinutes ?? 1);
    const first = await driveNight(readFileSync(SEED000), 'seed000.md', { minutes: took(10) });
    const { session } = await driveNight(readFileSync(SEED000), 'seed000.md', {
      dataDir: first.dataDir,
      minutes: took(20),
      skip: ['メンテナンス告知'],
      start: Date.parse('2026-12-09T16:00:00Z'),
    });

    const table = await run('baseline', SEED000, '--data-dir', first.dataDir);
    expect(table.code).toBe(0);
    expect(table.out).toContain('2 past runs');
    expect(table.out).toMatch(/\s+15\s+15\s+19\s+2\s+【変化】バックアップ取得/);
    const json = JSON.parse((await run('baseline', SEED000, '--data-dir', first.dataDir, '--json')).out) as {
      steps: { title: string; p90?: number }[];
    };
    expect(json.steps.find((s) => s.title.includes('バックアップ取得'))?.p90).toBe(19);
    expect((await run('baseline', SEED000, '--data-dir', mkdtempSync(join(tmpdir(), 'tejun-empty-')))).out).toContain(
      'No past session',
    );

    const repo = mkdtempSync(join(tmpdir(), 'tejun-redline-cli-'));
    writeFileSync(join(repo, 'seed000.md'), readFileSync(SEED000));
    const r = await run('redline', session.dir, '--out', join(repo, 'night.patch'));
    expect(r.out).toContain('steps with redlines');
    execFileSync('git', ['apply', '--check', 'night.patch'], { cwd: repo });
    // The overrun's new estimate leans on the past runs' p90 (19 min) and the night's 20 min.
    expect(readFileSync(join(repo, 'night.patch'), 'utf8')).toContain('+**所要時間**: 20分');
    expect((await run('redline')).out).toContain('usage: tejun redline');
  });
});
