// Where does this terminal point? One fixed probe per kind of target, chosen here and never taken from a
// runbook (a runbook's text must not decide what runs to check it), and the comparison with what it answered.
import { translate } from '../../shared/i18n';
import type { TargetKind } from '../../shared/model';

export interface Probe {
  /** Typed into the operator's terminal as is. */
  command: string;
  /** The program it calls (a rehearsal gives it a shim). */
  tool: string;
}

export const PROBES: Record<TargetKind, Probe> = {
  'kube-context': { command: 'kubectl config current-context', tool: 'kubectl' },
  'aws-account': { command: 'aws sts get-caller-identity --query Account --output text', tool: 'aws' },
  host: { command: 'hostname', tool: 'hostname' },
  database: { command: "psql -Atc 'select current_database()'", tool: 'psql' },
};

/**
 * What a probe answered: its last non-empty line, trimmed. A failed probe answers with its exit code and its
 * last line (`(exit 1) error: current-context is not set`), which never equals a target and says what to fix.
 */
export function probeAnswer(output: string, exitCode: number | null): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines[lines.length - 1] ?? '';
  const answer = exitCode !== null && exitCode !== 0 ? `(exit ${exitCode}) ${last}`.trim() : last;
  return answer.slice(0, 400);
}

/**
 * Same target? Exact, except: an AWS account compares its digits (`1234-5678-9012`), a host compares without
 * case and a short name matches its FQDN (`db-primary-01` ~ `db-primary-01.prod.internal`).
 */
export function sameTarget(kind: TargetKind, expected: string, actual: string): boolean {
  const e = expected.trim();
  const a = actual.trim();
  if (!a) return false;
  if (kind === 'aws-account') return e.replace(/\D/g, '') !== '' && e.replace(/\D/g, '') === a.replace(/\D/g, '');
  if (kind === 'host') {
    const el = e.toLowerCase();
    const al = a.toLowerCase();
    return el === al || (!el.includes('.') && al.split('.')[0] === el);
  }
  return e === a;
}

export interface Mismatch {
  kind: TargetKind;
  expected: string;
  actual: string;
}

/** The refusal: both values, and the two ways on (switch, or override with a reason). */
export function mismatchMessage(found: readonly Mismatch[], lang: 'ja' | 'en'): string {
  const wrong = found
    .map((m) =>
      translate(lang, 'probe.wrong', {
        kind: translate(lang, `probe.kind.${m.kind}`),
        expected: m.expected,
        actual: m.actual || translate(lang, 'probe.noAnswer'),
      }),
    )
    .join(translate(lang, 'probe.separator'));
  // English starts the sentence with a capital; Japanese has none, so this changes nothing there.
  return translate(lang, 'probe.refusal', { wrong: `${wrong[0]!.toUpperCase()}${wrong.slice(1)}` });
}

export function probeTimeoutMessage(kind: TargetKind, lang: 'ja' | 'en'): string {
  return translate(lang, 'probe.timeout', { cmd: PROBES[kind].command });
}

/** How long a probe may take before the Run is refused (a kubectl or aws call can be slow at night). */
export const PROBE_TIMEOUT_MS = 20_000;

/**
 * Probes waiting for their command to finish, one per terminal: the finished command goes to the probe, not
 * to the journal as something the operator typed.
 */
export class ProbeWaits<F extends { runId: string | null }> {
  private readonly waiting = new Map<string, { runId: string | null; done: (f: F | null) => void }>();

  /** Resolves with the finished command, or null after `ms` (or when the terminal goes). */
  wait(terminalId: string, runId: string | null, ms = PROBE_TIMEOUT_MS): Promise<F | null> {
    this.cancel(terminalId);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.cancel(terminalId), ms);
      this.waiting.set(terminalId, {
        runId,
        done: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** A command finished in this terminal: true when a probe took it. */
  take(terminalId: string, f: F): boolean {
    const w = this.waiting.get(terminalId);
    if (!w || (f.runId !== null && f.runId !== w.runId)) return false;
    this.waiting.delete(terminalId);
    w.done(f);
    return true;
  }

  cancel(terminalId: string): void {
    const w = this.waiting.get(terminalId);
    this.waiting.delete(terminalId);
    w?.done(null);
  }

  busy(terminalId: string): boolean {
    return this.waiting.has(terminalId);
  }
}
