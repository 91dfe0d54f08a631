// Which steps are walked now, and which one comes next: the rollback's own steps once it is declared.
import type { Runbook, Step } from '../model';
import { isStepFinished, type SessionState } from './state';

export function walkList(model: Runbook, lifecycle: SessionState['lifecycle']): Step[] {
  if (lifecycle === 'rollback') return model.rollback?.phases.flatMap((p) => p.steps) ?? [];
  return [...model.phases.flatMap((p) => p.steps), ...(model.completion?.steps ?? [])];
}

export function nextStep(model: Runbook, s: SessionState): Step | null {
  if (s.activeStepId) return walkList(model, s.lifecycle).find((st) => st.id === s.activeStepId) ?? null;
  return walkList(model, s.lifecycle).find((st) => !isStepFinished(s, st.id)) ?? null;
}

const VERIFICATION = /疎通|検証|動作確認|verif|smoke|health/i;

/** The seeds' 正常? gate comes after the verification phase (or, without one, after the last phase). */
export function gateReady(model: Runbook, s: SessionState): boolean {
  if (s.lifecycle !== 'running' || s.activeStepId) return false;
  const phases = model.phases;
  const verification = [...phases].reverse().find((p) => VERIFICATION.test(p.name)) ?? phases[phases.length - 1];
  if (!verification) return true;
  const upTo = phases.slice(0, phases.indexOf(verification) + 1).flatMap((p) => p.steps);
  return upTo.every((st) => isStepFinished(s, st.id));
}
