import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scheduledTimers } from '../../shared/session/timers';
import { SessionStore } from '../session/sessions';
import { pastRuns, runbookBaselines } from './baseline';
import { driveNight } from './testNight';

const seed = (n: string) => readFileSync(join(__dirname, '../../../../shared/seeds', n));
const SEED000 = seed('000_8597f5dc98a4b98d.txt');
const MIN = 60_000;

describe('rehearsal baselines from the journals in the data folder', () => {
  it('gives each step the p50/p90 of the durations its past runs wrote; the third run is held to the p90', async () => {
    const backup = (took: number) => (s: { title: string; estimateMinutes: number | null }) =>
      s.title.includes('バックアップ取得') ? took : (s.estimateMinutes ?? 1);
    const first = await driveNight(SEED000, 'seed000.md', { minutes: backup(10) });
    const dataDir = first.dataDir;
    await driveNight(SEED000, 'seed000.md', {
      dataDir,
      minutes: backup(20),
      rehearsal: false,
      start: Date.parse('2026-12-09T16:00:00Z'),
    });
    // Another procedure in the same folder does not count.
    await driveNight(seed('002_2d4ead3c34fccf9e.txt'), 'other.md', {
      dataDir,
      start: Date.parse('2026-12-10T16:00:00Z'),
    });

    const third = await new SessionStore(dataDir).create(SEED000, 'seed000.md', {
      rehearsal: true,
      speed: 1,
      operator: '山田',
    });
    const model = third.doc.model;
    const step = model.phases.flatMap((p) => p.steps).find((s) => s.title.includes('バックアップ取得'))!;
    expect(pastRuns(dataDir, { sha256: third.doc.sha256, title: model.title }, third.id)).toHaveLength(2);
    expect(third.view().baselines?.[step.id]).toEqual({ p50: 15, p90: 19, runs: 2 });
    // A step nobody completed before has no baseline.
    expect(Object.keys(runbookBaselines(dataDir, model, third.doc.sha256, third.id)).length).toBeGreaterThan(10);

    const startedAt = 1_000_000;
    const state = {
      ...third.state,
      lifecycle: 'running' as const,
      releaseStartedAt: startedAt,
      activeStepId: step.id,
      steps: { [step.id]: { state: 'active' as const, startedAt, endedAt: null, reason: null, override: null } },
    };
    const overrun = scheduledTimers(model, state, startedAt, '', third.baselines).find(
      (t) => t.kind === 'step-overrun',
    )!;
    expect(overrun.dueAt).toBe(startedAt + 19 * MIN);
    expect(overrun.label).toContain('p90 of 19 min');
    const plain = scheduledTimers(model, state, startedAt).find((t) => t.kind === 'step-overrun')!;
    expect(plain.dueAt).toBe(startedAt + (step.estimateMinutes ?? step.groupEstimateMinutes!) * MIN);
    await third.close();
  });
});
