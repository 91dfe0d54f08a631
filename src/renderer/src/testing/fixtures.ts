// Test data for the renderer's unit tests: a small runbook and a session over it, built from the shared
// types (the renderer cannot run core's parser). Only tests import this file.
import type { SessionView } from '../../../shared/contract';
import type { Command, Phase, Runbook, Step } from '../../../shared/model';
import type { SessionState, StepState } from '../../../shared/session/state';
import { initialReview } from '../../../shared/review';

export function command(id: string, text: string): Command {
  return {
    id,
    text,
    lang: 'bash',
    line: 1,
    endLine: 1,
    expectedOutput: null,
    confidence: 'stated',
    why: '',
    blockId: null,
    inline: false,
  };
}

export function step(id: string, title: string, commands: Command[] = []): Step {
  return {
    ...{ id, title, kind: 'plain', line: 1, endLine: 1, group: null, groupEstimateMinutes: null, purpose: null },
    ...{ cautions: [], estimateMinutes: null, timeoutMinutes: null, commands, expected: [], fields: [] },
    ...{ confirmations: [], criteria: [], failure: [], templates: [], tables: [], blocks: [], targets: [] },
  };
}

export function phase(id: string, title: string, steps: Step[]): Phase {
  return { id, title, name: title, budgetMinutes: null, line: 1, endLine: 1, checkpoint: null, steps };
}

/** Two phases of two steps each, and a rollback of one step. */
export function runbook(): Runbook {
  const metadata = { version: null, window: null, operator: null, approver: null, category: null, fields: {} };
  const rollback = { line: 1, whole: false, criteria: [], timeLimitMinutes: 30, timeLimitText: null };
  return {
    ...{ title: 'Release', language: 'en', kind: 'procedure', metadata, variables: [], prerequisites: null },
    phases: [
      phase('p1', 'Prepare', [
        step('s1', 'Back up', [command('c1', 'backup.sh'), command('c2', 'ls')]),
        step('s2', 'Drain'),
      ]),
      phase('p2', 'Deploy', [step('s3', 'Deploy'), step('s4', 'Smoke test')]),
    ],
    completion: null,
    rollback: { ...rollback, phases: [phase('r1', 'Roll back', [step('rb1', 'Restore')])] },
    ...{ troubleshooting: [], contacts: [], escalation: [], checklists: [], templates: [], diagrams: [] },
    ...{ blocks: [], targets: [], diagnostics: [] },
  };
}

export function sessionState(patch: Partial<SessionState> = {}): SessionState {
  return {
    ...{ sessionId: 'S1', title: 'Release', runbookSha256: 'a'.repeat(64), rehearsal: false, speed: 1 },
    ...{ operator: 'op', lifecycle: 'running', outcome: null, createdAt: 0, createdWallAt: 0 },
    ...{ releaseStartedAt: 0, monitoringStartedAt: null, completedAt: null, variables: {}, go: null, steps: {} },
    ...{ activeStepId: null, fields: {}, confirmations: {}, gate: null, decisions: [], rollback: null },
    ...{ hotfix: null, notes: [], noteCount: 0, signOffs: [], commandRuns: {}, attention: null, verdicts: {} },
    ...{ roles: {}, isolation: null, blockedCount: 0, shellCommandCount: 0, targets: {}, targetOverrides: [] },
    ...{ fired: {}, alerts: [], lastSeq: 1, review: initialReview() },
    ...patch,
  };
}

export function steps(states: Record<string, StepState>): SessionState['steps'] {
  const record = (state: StepState) => ({ state, startedAt: null, endedAt: null, reason: null, override: null });
  return Object.fromEntries(Object.entries(states).map(([id, s]) => [id, record(s)]));
}

export function sessionView(patch: Partial<SessionState> = {}, model: Runbook = runbook()): SessionView {
  const doc = {
    ...{ name: 'release.md', title: model.title, language: model.language, encoding: 'utf-8' },
    ...{ sha256: 'a'.repeat(64), text: '# Release\n', outline: [], model, diagnostics: [] },
  };
  return { sessionId: 'S1', doc, state: sessionState(patch), readOnly: false, problems: [], lost: [] };
}
