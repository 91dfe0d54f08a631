// A rehearsal's check is only as honest as what it compares: a command whose runbook gives no
// expected output, or whose answer the shims could only simulate, is "not comparable" — shown, never
// a failed check. A fault the trainer injected still fails, as it must.
import type { Command, Step } from '../../shared/model';
import { compareOutput, type Comparison } from '../terminal/compare';

/** What the shims did during the command (from their log). */
export interface ShimSummary {
  fault: boolean;
  expected: boolean;
  simulated: boolean;
}

export function summarizeShims(calls: { result: string }[]): ShimSummary {
  return {
    fault: calls.some((c) => c.result === 'fault'),
    expected: calls.some((c) => c.result === 'expected'),
    simulated: calls.some((c) => c.result === 'simulated'),
  };
}

export const hasExpected = (step: Step, c: Command): boolean =>
  Boolean(c.expectedOutput) || step.expected.some((e) => !e.block);

export function rehearsalComparison(
  step: Step,
  c: Command,
  output: string,
  exitCode: number | null,
  shims: ShimSummary,
): Comparison {
  if (shims.fault) return compareOutput(step, c, output, exitCode);
  if (!hasExpected(step, c))
    return { result: 'not-comparable', how: 'none', detail: 'the runbook gives no expected output for this command' };
  const r = compareOutput(step, c, output, exitCode);
  if (r.result === 'mismatch' && shims.simulated && !shims.expected) {
    return {
      result: 'not-comparable',
      how: 'simulated',
      detail: `the shims could only simulate this call (${r.detail})`,
    };
  }
  return r;
}

export const cutShort = (seconds: number): Comparison => ({
  result: 'not-comparable',
  how: 'cut-short',
  detail: `cut short after ${seconds} s (the drill's time limit)`,
});
