// A whole night driven through the real session store (real journal, fsync) on a clock the test moves:
// each step takes the minutes the test says, so timelines, baselines and redlines are checked against
// durations really written into a journal. Skips, a failure with rollback, an accepted mismatch, a
// command typed in the terminal and notes are journaled as the app would journal them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Step } from '../../shared/model';
import { requiredVariables } from '../../shared/variables';
import type { Comparison } from '../../shared/session/events';
import { nextStep } from '../../shared/session/walk';
import { tickAll } from '../rehearsal/drill';
import { SessionStore, type OpenSession } from '../session/sessions';

export interface NightPlan {
  /** The data folder to put the session in (several nights in one folder make a baseline). */
  dataDir?: string;
  rehearsal?: boolean;
  /** Minutes each step takes; default: its estimate, else 1. */
  minutes?: (step: Step) => number;
  /** Steps (by title fragment) skipped with a reason instead of run. */
  skip?: string[];
  /** The step (by title fragment) that fails; the night then rolls back. */
  fail?: string;
  /** The step whose first command printed something other than expected, and the operator went on. */
  mismatch?: { step: string; output: string };
  /** What a step's first command printed (a run the runbook had no expected value for). */
  output?: { step: string; output: string };
  /** A command typed in the terminal while this step was active. */
  typed?: { step: string; commandLine: string };
  notes?: { step: string; text: string }[];
  /** Wall-clock start (ms); default 2026-12-03 01:00 JST. */
  start?: number;
}

const MIN = 60_000;
const has = (step: Step, fragment: string | undefined) => !!fragment && step.title.includes(fragment);

export async function driveNight(
  bytes: Uint8Array,
  name: string,
  plan: NightPlan = {},
): Promise<{ session: OpenSession; dataDir: string }> {
  const dataDir = plan.dataDir ?? mkdtempSync(join(tmpdir(), 'tejun-night-'));
  let now = plan.start ?? Date.parse('2026-12-02T16:00:00Z');
  const store = new SessionStore(dataDir, () => now);
  const s = await store.create(bytes, name, { rehearsal: plan.rehearsal ?? true, speed: 1, operator: '山田' });
  const model = s.doc.model;
  const values = Object.fromEntries(requiredVariables(model).map((v) => [v.name, `staging-${v.name.toLowerCase()}`]));
  await s.submit({ type: 'variables-set', values });
  await s.submit({ type: 'preflight-start' });
  if (model.prerequisites) await tickAll(s, model.prerequisites.confirmations);
  await s.submit({ type: 'go-decision', decision: 'go', by: '山田', reason: '' });
  for (let guard = 0; guard < 500; guard++) {
    const next = nextStep(model, s.state);
    if (!next) {
      if (s.state.lifecycle !== 'running' || s.state.gate) break;
      await s.submit({ type: 'gate', healthy: true, by: '山田' });
      continue;
    }
    if (plan.skip?.some((f) => has(next, f))) {
      await s.submit({ type: 'step-skip', stepId: next.id, reason: '今回は対象外' });
      continue;
    }
    await walkStep(s, next, plan, (ms) => (now += ms));
  }
  await s.submit({ type: 'complete', outcome: s.state.rollback ? 'rolled-back' : 'success', by: '山田', note: '' });
  await s.close();
  return { session: s, dataDir };
}

/** A step's first command as the terminal would have reported it. */
function submitRun(
  s: OpenSession,
  step: Step,
  c: Step['commands'][number],
  output: string,
  [startedAt, endedAt]: [number, number],
  comparison: Comparison,
) {
  return s.submit({
    type: 'command-run',
    stepId: step.id,
    commandId: c.id,
    terminal: 't1',
    text: c.text,
    startedAt,
    endedAt,
    exitCode: 0,
    output,
    outputChars: output.length,
    truncated: false,
    transcript: null,
    comparison,
  });
}

async function walkStep(s: OpenSession, step: Step, plan: NightPlan, advance: (ms: number) => number): Promise<void> {
  await s.submit({ type: 'step-start', stepId: step.id });
  await tickAll(s, step.confirmations);
  for (const f of step.fields) await s.submit({ type: 'field-set', fieldId: f.id, value: '記録値' });
  const took = (plan.minutes?.(step) ?? step.estimateMinutes ?? 1) * MIN;
  const startedAt = advance(0);
  advance(took / 2);
  const c = step.commands[0];
  if (plan.mismatch && has(step, plan.mismatch.step) && c) {
    const detail = `expected output not found: ${plan.mismatch.output}`;
    const comparison = { result: 'mismatch' as const, how: 'contains', detail };
    await submitRun(s, step, c, plan.mismatch.output, [startedAt, advance(0)], comparison);
    await s.submit({
      type: 'decision',
      choice: 'continue',
      reason: '表示形式の違いのみ。問題なし',
      by: '佐藤',
      trigger: 'check',
    });
  }
  if (plan.output && has(step, plan.output.step) && c) {
    const comparison = { result: 'not-comparable' as const, how: 'none', detail: 'no expected value' };
    const started = advance(0);
    await submitRun(s, step, c, plan.output.output, [started, advance(0)], comparison);
  }
  if (plan.typed && has(step, plan.typed.step)) {
    const line = plan.typed.commandLine;
    await s.submit({
      type: 'shell-command',
      terminal: 't1',
      commandLine: line,
      startedAt: advance(0),
      endedAt: advance(0),
      exitCode: 0,
      output: '',
      truncated: false,
      transcript: null,
    });
  }
  for (const n of plan.notes ?? []) if (has(step, n.step)) await s.submit({ type: 'note', text: n.text, by: '山田' });
  advance(took / 2);
  if (has(step, plan.fail) && s.state.lifecycle === 'running') {
    await s.submit({ type: 'step-fail', stepId: step.id, reason: 'ロールアウトが完了しない' });
    await s.submit({
      type: 'decision',
      choice: 'rollback',
      reason: 'デプロイ失敗のため切り戻す',
      by: '佐藤',
      trigger: 'check',
    });
    return;
  }
  await s.submit({ type: 'step-complete', stepId: step.id });
}
