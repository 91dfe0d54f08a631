// A finished rehearsal of a runbook, driven through the real session store (real journal, fsync), for
// the evidence tests: fills every blank, ticks every box, fails a step in the given phase and rolls
// back, or walks everything to success.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allSteps } from '../../shared/model';
import { tickAll } from '../rehearsal/drill';
import { requiredVariables } from '../../shared/variables';
import { nextStep } from '../../shared/session/walk';
import { SessionStore, type OpenSession } from '../session/sessions';

export interface DrillOptions {
  /** Fail the first step whose phase name includes this, and roll back. */
  failIn?: string;
  values?: (fieldId: string, i: number) => string;
  /** Leave the blanks with these labels empty, as an operator would. */
  skipField?: (label: string) => boolean;
  extraVariables?: Record<string, string>;
  /** A production session instead of a rehearsal. */
  production?: boolean;
}

export async function finishedRehearsal(
  bytes: Uint8Array,
  name: string,
  opts: DrillOptions = {},
): Promise<{ session: OpenSession; store: SessionStore; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tejun-ev-'));
  const store = new SessionStore(dataDir);
  const s = await store.create(bytes, name, { rehearsal: !opts.production, speed: 1, operator: '山田' });
  const model = s.doc.model;
  await s.submit({
    type: 'variables-set',
    values: {
      ...Object.fromEntries(requiredVariables(model).map((v) => [v.name, `staging-${v.name.toLowerCase()}`])),
      ...opts.extraVariables,
    },
  });
  await s.submit({ type: 'preflight-start' });
  if (model.prerequisites) await tickAll(s, model.prerequisites.confirmations);
  await s.submit({ type: 'go-decision', decision: 'go', by: '山田', reason: '' });
  let i = 0;
  for (const step of allSteps(model))
    for (const f of step.fields)
      if (!opts.skipField?.(f.label))
        await s.submit({
          type: 'field-set',
          fieldId: f.id,
          value: opts.values ? opts.values(f.id, i++) : `記録値-${++i}`,
        });
  const failPhase = opts.failIn ? model.phases.find((p) => p.name.includes(opts.failIn!)) : undefined;
  for (;;) {
    const next = nextStep(model, s.state);
    if (!next) {
      if (s.state.lifecycle === 'running' && !s.state.gate) {
        await s.submit({ type: 'gate', healthy: true, by: '山田' });
        continue;
      }
      break;
    }
    await s.submit({ type: 'step-start', stepId: next.id });
    await tickAll(s, next.confirmations);
    if (failPhase && s.state.lifecycle === 'running' && failPhase.steps.some((x) => x.id === next.id)) {
      await s.submit({ type: 'step-fail', stepId: next.id, reason: 'ロールアウトが完了しない' });
      await s.submit({
        type: 'decision',
        choice: 'rollback',
        reason: 'デプロイ失敗のため切り戻す',
        by: '佐藤',
        trigger: 'check',
      });
      continue;
    }
    await s.submit({ type: 'step-complete', stepId: next.id });
  }
  await s.submit({ type: 'note', text: '予定どおり進行', by: '山田' });
  await s.submit({ type: 'complete', outcome: failPhase ? 'rolled-back' : 'success', by: '山田', note: '' });
  return { session: s, store, dataDir };
}
