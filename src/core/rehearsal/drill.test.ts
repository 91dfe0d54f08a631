// The unattended drill on seed 000, through real ptys and the shims: a clean run ends in success, a
// fault in デプロイ ends rolled back; both bundles verify; the report lists actual vs estimate.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../evidence/bundle';
import { runDrill } from './drill';

const SEED000 = resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt');

describe('tejun rehearse --headless on seed 000', () => {
  it(
    'runs every command through the shims and ends in success; the bundle verifies',
    { timeout: 180_000 },
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'tejun-test-drill-out-'));
      const lines: string[] = [];
      const r = await runDrill({ runbook: SEED000, out, log: (l) => lines.push(l) });
      expect(r.reason).toMatch(/ended success/);
      expect(r.ok).toBe(true);
      // Its session is kept in --out; the temporary data folder it ran in is gone.
      const id = /^rehearsal (\S+):/m.exec(lines.join('\n'))![1]!;
      expect(r.sessionDir).toBe(join(out, 'session'));
      const ranIn = (d: string) => d.startsWith('tejun-drill-') && existsSync(join(tmpdir(), d, 'sessions', id));
      const left = readdirSync(tmpdir()).filter(ranIn);
      expect(left).toEqual([]);
      const bundle = readdirSync(out).find((f) => f.endsWith('.tejun.json'))!;
      const v = verifyBundle(readFileSync(join(out, bundle)));
      expect(v.problem).toBeNull();
      expect(v.bundle!.rehearsal).toBe(true);
      // The shims answered with the runbook's own expected values, so the checks matched.
      expect(lines.join('\n')).toMatch(/✓ .*kubectl get deployment api-deployment.* → exit 0 match/);
      const shimLog = readFileSync(join(out, 'session', 'rehearsal', 'shim.log'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { tool: string; result: string });
      expect(shimLog.length).toBeGreaterThan(15);
      expect(new Set(shimLog.map((l) => l.tool))).toContain('kubectl');
      expect(shimLog.some((l) => l.result === 'expected')).toBe(true);
      // Every shim call is in the journal too, so the bundle proves what was simulated.
      const journal = readFileSync(join(out, 'session', 'journal.jsonl'), 'utf8');
      expect(journal.split('\n').filter((l) => l.includes('"type":"shim-call"'))).toHaveLength(shimLog.length);
      const report = readFileSync(
        join(
          out,
          readdirSync(out).find((f) => f.endsWith('.report.md'))!,
        ),
        'utf8',
      );
      expect(report).toMatch(/\| フェーズ3: デプロイ（40分） \| 【変化】デプロイ実行 \| done \| [\d.]+ \| \d+ \|/);
      expect(report).toMatch(/## シムが応答した呼び出し（本番には届いていません）\n\n`kubectl` ×\d+/);
    },
  );

  it(
    'with a fault in デプロイ, the plan rolls back; the report gives the decision time',
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tejun-test-drill-plan-'));
      const plan = join(dir, 'plan.yaml');
      writeFileSync(
        plan,
        [
          'speed: 60',
          'faults:',
          '  - step: デプロイ実行',
          '    troubleshooting: Podが起動しない',
          '    exitCode: 1',
          'onFailure:',
          '  choice: rollback',
          '  reason: デプロイ失敗、切り戻し訓練',
          '  by: 佐藤',
          'expect: rolled-back',
          '',
        ].join('\n'),
      );
      const out = join(dir, 'out');
      const lines: string[] = [];
      const r = await runDrill({ runbook: SEED000, plan, out, log: (l) => lines.push(l) });
      expect(r.reason).toMatch(/ended rolled-back/);
      expect(r.ok).toBe(true);
      expect(lines.join('\n')).toMatch(/✗ 【変化】デプロイ実行: .* → exit 1 mismatch/);
      const v = verifyBundle(
        readFileSync(
          join(
            out,
            readdirSync(out).find((f) => f.endsWith('.tejun.json'))!,
          ),
        ),
      );
      expect(v.ok).toBe(true);
      expect(v.bundle!.outcome).toBe('rolled-back');
      const report = readFileSync(
        join(
          out,
          readdirSync(out).find((f) => f.endsWith('.report.md'))!,
        ),
        'utf8',
      );
      expect(report).toMatch(/\*\*rollback\*\* \(佐藤\): デプロイ失敗、切り戻し訓練 — 判断までの時間: \d+ s/);
      expect(report).toMatch(/## 切り戻し\n\n- 制限時間内に完了/);
      expect(readFileSync(join(out, 'session', 'rehearsal-plan.yaml'), 'utf8')).toContain('デプロイ実行');
    },
  );
});
