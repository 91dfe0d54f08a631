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
  /** Calls of programs or files not on this machine, as called (`/opt/chat/bin/chat db version`). */
  absent: string[];
}

export function summarizeShims(calls: { result: string; tool?: string; args?: string[] }[]): ShimSummary {
  return {
    fault: calls.some((c) => c.result === 'fault'),
    expected: calls.some((c) => c.result === 'expected'),
    simulated: calls.some((c) => c.result === 'simulated'),
    absent: calls
      .filter((c) => c.result === 'absent')
      .map((c) => [c.tool ?? '?', ...(c.args ?? [])].join(' ').slice(0, 200)),
  };
}

/**
 * The runbook's expected output is what comes out at the end of a pipe (`curl … | jq -r .version`); the
 * shim can only answer for the tool, so that answer fed into a filter that reshapes it proves nothing.
 */
const RESHAPED = /\|\s*(jq|yq|awk|gawk|sed|cut|tr|sort|uniq|head|tail|wc|xargs|column|python3?|base64)\b/;

/** How a command that called what is not on this machine is described (the report lists these). */
export const ABSENT = 'simulated (not on this machine)';

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
  if (shims.absent.length)
    return {
      result: 'not-comparable',
      how: 'simulated',
      detail: `${ABSENT}: ${shims.absent.join('; ').slice(0, 400)} — not a passed check`,
    };
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
  const filter = RESHAPED.exec(c.text);
  if (r.result === 'mismatch' && shims.expected && filter) {
    return {
      result: 'not-comparable',
      how: 'simulated',
      detail: `the shim's answer went through \`${filter[1]}\`, which the runbook's expected output already came out of (${r.detail})`,
    };
  }
  return r;
}

export const cutShort = (seconds: number): Comparison => ({
  result: 'not-comparable',
  how: 'cut-short',
  detail: `cut short after ${seconds} s (the drill's time limit)`,
});

export const shellEnded = (): Comparison => ({
  result: 'not-comparable',
  how: 'shell-ended',
  detail: 'the command ended its shell (a new one took its place); nothing to compare',
});
