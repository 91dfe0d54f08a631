// Expected vs actual: the step's expected value against what the command printed and how it exited.
import type { Command, Step } from '../../shared/model';
import { compileLinear, PatternRefused } from '../runbook/linearRegex';

export type MatchResult = 'match' | 'mismatch' | 'not-comparable';

export interface Comparison {
  result: MatchResult;
  /** How it was compared: contains, all-lines, regex, exit-code. */
  how: string;
  detail: string;
}

const CODE = /`([^`]+)`/g;

/** The backticked parts of an expected value, and whether they are alternatives (または / or). */
function codeParts(raw: string): { parts: string[]; any: boolean } {
  const parts = [...raw.matchAll(CODE)].map((m) => m[1]!.trim()).filter(Boolean);
  return { parts, any: /または|もしくは|\bor\b/i.test(raw.replace(CODE, '')) };
}

// No two adjacent runs of \s* that could share the same spaces: a runbook line of "exit" and 10,000
// spaces must not cost a cubic number of tries.
const EXIT_CODE = /(?:exit|終了)\s*(?:(?:code|コード)\s*)?(?:[:=]\s*)?(\d+)/i;

/** A `/regex/` expected value, on the linear-time engine: a runbook's pattern never freezes the host. */
function compareRegex(source: string, flags: string, output: string): Comparison {
  try {
    const ok = compileLinear(source, flags).test(output);
    const detail = `/${source}/${ok ? ' matches' : ' does not match'}`;
    return { result: ok ? 'match' : 'mismatch', how: 'regex', detail };
  } catch (e) {
    if (!(e instanceof PatternRefused)) throw e;
    const detail = `the expected regex is refused: ${e.reason.en} Fix it in the runbook.`;
    return { result: 'not-comparable', how: 'regex', detail };
  }
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function compareOutput(step: Step, command: Command, output: string, exitCode: number | null): Comparison {
  if (exitCode !== null && exitCode !== 0)
    return { result: 'mismatch', how: 'exit-code', detail: `exit code ${exitCode}` };
  const out = norm(output);
  if (command.expectedOutput) {
    const lines = command.expectedOutput.split('\n').map(norm).filter(Boolean);
    const missing = lines.filter((l) => !out.includes(l));
    return missing.length === 0
      ? { result: 'match', how: 'all-lines', detail: `all ${lines.length} expected lines are in the output` }
      : {
          result: 'mismatch',
          how: 'all-lines',
          detail: `missing: ${missing[0]}${missing.length > 1 ? ` (+${missing.length - 1})` : ''}`,
        };
  }
  const expected = step.expected.find((e) => !e.block);
  if (expected) {
    const raw = expected.raw ?? expected.text;
    const rx = /^\/(.+)\/([imsu]*)$/.exec(raw.replace(/`/g, '').trim());
    if (rx) return compareRegex(rx[1]!, rx[2]!, output);
    const exit = EXIT_CODE.exec(raw);
    if (exit && !CODE.test(raw)) {
      const want = Number(exit[1]);
      return {
        result: exitCode === want ? 'match' : 'mismatch',
        how: 'exit-code',
        detail: `expected exit code ${want}, got ${exitCode ?? 'unknown'}`,
      };
    }
    const { parts, any } = codeParts(raw);
    if (parts.length) {
      const found = parts.filter((p) => out.includes(norm(p)));
      const ok = any ? found.length > 0 : found.length === parts.length;
      const missing = parts.filter((p) => !found.includes(p));
      return {
        result: ok ? 'match' : 'mismatch',
        how: 'contains',
        detail: ok
          ? `output contains ${found.map((f) => `"${f}"`).join(any ? ' or ' : ' and ')}`
          : `output lacks "${missing[0]}"`,
      };
    }
    return {
      result: 'not-comparable',
      how: 'prose',
      detail: `the expected value is prose ("${expected.text.slice(0, 60)}"): check it by eye`,
    };
  }
  return exitCode === 0
    ? { result: 'match', how: 'exit-code', detail: 'exit code 0' }
    : { result: 'not-comparable', how: 'none', detail: 'no expected value and no exit code' };
}
