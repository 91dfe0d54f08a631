import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSteps } from '../../shared/model';
import { metricsColumns, monitoringSchedule } from '../../shared/session/monitoring';
import { parseRunbook } from './parse';

const SEEDS = resolve(import.meta.dirname, '../../../../shared/seeds');
const seed = (n: string) => readFileSync(join(SEEDS, n), 'utf8');

describe('seed 000 (release procedure template)', () => {
  const r = parseRunbook(seed('000_8597f5dc98a4b98d.txt'));
  it('has five phases with their budgets', () => {
    expect(r.kind).toBe('procedure');
    expect(r.phases.map((p) => [p.name, p.budgetMinutes])).toEqual([
      ['準備', 30],
      ['バックアップ', 20],
      ['デプロイ', 40],
      ['疎通確認', 30],
      ['監視', 1440],
    ]);
  });
  it('has a rollback with 4 criteria and a 120-minute limit', () => {
    expect(r.rollback?.criteria.map((c) => c.text)).toEqual([
      'アプリケーションが起動しない',
      'ログイン機能が動作しない',
      'エラーレート10%超',
      'レスポンスタイムが通常の3倍超',
    ]);
    expect(r.rollback?.timeLimitMinutes).toBe(120);
    expect(r.rollback?.phases[0]?.steps.map((s) => s.title)).toEqual([
      'ステップ1: 切り戻し宣言',
      'ステップ2: アプリケーション切り戻し',
      'ステップ3: データベース切り戻し',
      'ステップ4: 動作確認',
      'ステップ5: 完了報告',
    ]);
  });
  it('has three troubleshooting entries', () => {
    expect(r.troubleshooting.map((t) => t.title)).toEqual([
      'Podが起動しない',
      'データベース接続エラー',
      'エラーレート上昇',
    ]);
  });
  it('has all 29 shell blocks as commands and all 27 backticked blanks as fields', () => {
    const troubleshootingCommands = r.troubleshooting.flatMap((t) => t.commands);
    expect(allSteps(r).flatMap((s) => s.commands).length + troubleshootingCommands.length).toBe(29);
    expect(
      allSteps(r)
        .flatMap((s) => s.fields)
        .filter((f) => f.kind === 'blank'),
    ).toHaveLength(27);
  });
  it('puts commands, expected values and blanks on the right steps', () => {
    const step = allSteps(r).find((s) => s.title === '【変化前】アプリケーションバージョン確認')!;
    expect(step.kind).toBe('before');
    expect(step.commands[0]!.text).toContain('kubectl get deployment api-deployment -o jsonpath=');
    expect(step.commands[0]!.text).toContain('# 現在のバージョンを確認');
    expect(step.expected[0]!.text).toBe('api:v1.1.0');
    expect(step.fields.map((f) => f.label)).toEqual(['実際の値']);
    expect(step.confirmations.map((c) => c.text)).toEqual(['バージョン確認完了']);
    expect(step.group).toBe('1.2 現在の状態確認');
    const backup = allSteps(r).find((s) => s.title === '【変化】バックアップ取得')!;
    expect(backup.kind).toBe('change');
    expect(backup.fields.map((f) => f.label)).toEqual(['バックアップファイル名', '完了時刻']);
    expect(backup.purpose).toContain('マイグレーションに失敗した場合');
    const stop = allSteps(r).find((s) => s.title === '【変化】アプリケーション停止')!;
    expect(stop.cautions.map((c) => c.text)).toContain('この作業中はアプリケーションを停止すること');
  });
  it('reads the metrics and monitoring tables as fill-in tables', () => {
    const metrics = allSteps(r).find((s) => s.title === 'メトリクス確認')!;
    expect(metrics.tables[0]!.headers).toEqual(['指標', '正常範囲', '実測値', '判定']);
    expect(metrics.tables[0]!.fieldIds.map((ids) => ids.filter(Boolean).length)).toEqual([2, 2, 2, 2]);
    const schedule = allSteps(r).find((s) => s.title === '5.3 定期監視スケジュール')!;
    expect(schedule.tables[0]!.fieldIds.flat().filter(Boolean)).toHaveLength(6);
  });
  it('reads the document info, the phase checkpoints, templates and the diagram', () => {
    expect(r.metadata).toMatchObject({ version: 'v[X.X.X]', operator: '[氏名]', approver: '[氏名]' });
    expect(r.phases[0]!.checkpoint).toBe('すべての準備が完了していることを確認');
    expect(r.templates.length).toBeGreaterThanOrEqual(5);
    expect(r.diagrams).toHaveLength(1);
    expect(r.prerequisites?.confirmations).toHaveLength(7);
  });
  it('finds the placeholders and the shell variables that must come from outside', () => {
    const names = r.variables.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'REGISTRY',
        'DB_HOST',
        'DB_USER',
        'TOKEN',
        'VERSION',
        'リリース責任者.氏名',
        'リリース責任者.電話番号',
        'DATABASE_URL',
        'YYYYMMDD',
        'HH:MM',
        'username',
      ]),
    );
    expect(names).not.toContain('BACKUP_FILE');
    const registry = r.variables.find((v) => v.name === 'REGISTRY')!;
    expect(registry.occurrences.length).toBeGreaterThan(5);
    expect(r.variables.find((v) => v.name === 'DATABASE_URL')).toMatchObject({ source: 'env', secret: true });
  });
  it('gives every step a stable id', () => {
    const again = parseRunbook(seed('000_8597f5dc98a4b98d.txt'));
    expect(allSteps(again).map((s) => s.id)).toEqual(allSteps(r).map((s) => s.id));
    expect(new Set(allSteps(r).map((s) => s.id)).size).toBe(allSteps(r).length);
  });
});

describe('seed 004 (runbook template)', () => {
  const r = parseRunbook(seed('004_ced4bf622d9a067f.txt'));
  it('has four phases, expected output blocks on their commands, a rollback, troubleshooting and checklists', () => {
    expect(r.phases.map((p) => p.name)).toEqual(['準備', '実行', '検証', '終了処理']);
    const backup = r.phases[0]!.steps[0]!;
    expect(backup.commands[0]!.expectedOutput).toContain('backup_20251027_140000.dump');
    expect(backup.expected[0]!.block).toBe(true);
    expect(r.rollback?.criteria).toHaveLength(4);
    expect(r.rollback?.phases[0]?.steps).toHaveLength(4);
    expect(r.troubleshooting).toHaveLength(3);
    expect(r.troubleshooting[0]).toMatchObject({ title: 'データベース接続エラー' });
    expect(r.troubleshooting[0]!.symptom).toContain('timeout');
    expect(r.troubleshooting[0]!.cause).toContain('ネットワーク問題');
    expect(r.troubleshooting[0]!.remedy).toContain('ping production-db.example.com');
    expect(r.checklists.map((c) => [c.title, c.items.length])).toEqual([
      ['実行前チェックリスト', 5],
      ['実行中チェックリスト', 3],
      ['実行後チェックリスト', 7],
    ]);
    expect(r.metadata.category).toContain('デプロイ');
  });
});

describe('the other seeds', () => {
  it('seed 002 opens as a checklist-only procedure', () => {
    const r = parseRunbook(seed('002_2d4ead3c34fccf9e.txt'));
    expect(r.kind).toBe('checklist');
    expect(r.phases.length).toBeGreaterThanOrEqual(3);
    expect(allSteps(r).flatMap((s) => s.confirmations).length).toBeGreaterThan(20);
    expect(r.rollback).not.toBeNull();
  });
  it('seed 001 gives its escalation chain with the minutes under each level', () => {
    const r = parseRunbook(seed('001_a8342b47c099ffba.txt'));
    expect(r.escalation.map((l) => [l.role, l.withinMinutes])).toEqual([
      ['リリース責任者', 1],
      ['プロダクトオーナー', 3],
      ['CTO', 5],
      ['CEO', 10],
    ]);
  });
  it('reads an escalation chain written inline or in English', () => {
    const r = parseRunbook(
      '# R\n\n## Escalation\n\nOperator -> Release manager (2 min) -> SRE lead (5 min) -> CTO (15 min)\n',
    );
    expect(r.escalation.map((l) => [l.role, l.withinMinutes])).toEqual([
      ['Release manager', 2],
      ['SRE lead', 5],
      ['CTO', 15],
    ]);
  });
  it('seed 001 opens best-effort, with honest diagnostics about its nested fences', () => {
    const r = parseRunbook(seed('001_a8342b47c099ffba.txt'));
    expect(r.diagnostics.some((d) => d.code === 'nested-fence')).toBe(true);
    expect(allSteps(r).length).toBeGreaterThan(0);
  });
  it('seed 003 opens with a clear "no runnable steps" diagnostic', () => {
    const r = parseRunbook(seed('003_14b367f295624472.txt'));
    expect(r.kind).toBe('reference');
    expect(r.diagnostics.find((d) => d.code === 'no-runnable-steps')?.message).toContain('実行できる手順');
  });
});

describe('seed 000 monitoring', () => {
  const model = parseRunbook(seed('000_8597f5dc98a4b98d.txt'));
  it('reads the schedule table as checkpoints from right after the release to +24 hours', () => {
    const s = monitoringSchedule(model);
    expect(s.map((c) => c.minutes)).toEqual([0, 30, 60, 180, 360, 1440]);
    expect(s.every((c) => c.fieldId !== null)).toBe(true);
  });
  it('finds the range and measured columns of the metrics table', () => {
    const t = model.phases
      .flatMap((p) => p.steps)
      .flatMap((s) => s.tables)
      .find((x) => x.headers.includes('正常範囲'))!;
    expect(metricsColumns(t)).toEqual({ range: 1, measured: 2 });
  });
});
