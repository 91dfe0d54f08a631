// The drill's walk of one step: each command rendered, the plan followed for flagged ones, run in the
// drill's pty within its time limit, what the shims and the sandbox saw journaled, the comparison made
// honestly (not comparable when simulated, not here, cut short or when the command ended its shell).
import { commandRunEvent } from '../session/stepCommands';
import type { Command, Step } from '../../shared/model';
import type { OpenSession } from '../session/sessions';
import { renderStepCommand } from '../session/stepCommands';
import type { FinishedCommand } from '../terminal/commandTracker';
import type { Comparison } from '../terminal/compare';
import type { PtyHost } from '../terminal/ptyHost';
import { stripPrompts } from '../runbook/prompts';
import { DrillTerminal } from './drillTerminal';
import { heldBySandbox, isolationLine } from './isolation';
import type { RehearsalPlan } from './plan';
import { drainBlocked, drainShimLog, markCurrent, rehearsalCommand, type Sandbox } from './sandbox';
import { cutShort, rehearsalComparison, shellEnded, summarizeShims } from './verdict';

export class DrillStopped extends Error {}

/** What a drill counts as it walks. */
export interface Tally {
  steps: number;
  commands: number;
  /** The commands the time limit cut short (step: command). */
  cutShort: string[];
  /** Flagged commands not run (plan flagged: skip). */
  skipped: string[];
  /** Attempts the sandbox refused. */
  blocked: number;
  /** Commands whose check failed (a mismatch against the runbook's expected output). */
  failedChecks: number;
  /** Calls of programs or files not on this machine, answered by the shims (step: call). */
  simulatedAbsent: string[];
}

interface Context {
  session: OpenSession;
  sandbox: Sandbox;
  plan: RehearsalPlan;
  ptys: PtyHost;
  shell: string;
  log: (line: string) => void;
}

/** How long one command may take: the plan's limit, else its step's timeout or estimate at the clock's speed. */
export function commandLimitMs(
  step: Pick<Step, 'timeoutMinutes' | 'estimateMinutes'>,
  plan: Pick<RehearsalPlan, 'speed' | 'commandTimeout'>,
): number {
  if (plan.commandTimeout) return plan.commandTimeout * 1000;
  const minutes = step.timeoutMinutes ?? step.estimateMinutes;
  if (minutes === null || minutes === undefined) return DEFAULT_LIMIT_MS;
  return Math.min(MAX_LIMIT_MS, Math.max(MIN_LIMIT_MS, (minutes * 60_000) / plan.speed));
}
const DEFAULT_LIMIT_MS = 30_000;
const MIN_LIMIT_MS = 10_000;
const MAX_LIMIT_MS = 300_000;

/** Nothing but blank lines and comments: there is no command to send. */
export const isEmptyCommand = (text: string): boolean =>
  text.split('\n').every((l) => !l.trim() || l.trim().startsWith('#'));

/** Tick every confirmation (and its children) not ticked yet. */
export async function tickAll(s: OpenSession, cs: Step['confirmations']): Promise<void> {
  for (const c of cs) {
    if (!s.state.confirmations[c.id]?.checked)
      await s.submit({ type: 'confirmation-set', confirmationId: c.id, checked: true });
    await tickAll(s, c.children);
  }
}

interface Ran {
  f: FinishedCommand;
  cut: boolean;
  endedShell: boolean;
  limit: number;
}

/** Nothing counted yet: a drill's start, and the result of one that never walked. */
export const emptyTally = (): Tally => ({
  steps: 0,
  commands: 0,
  cutShort: [],
  skipped: [],
  blocked: 0,
  failedChecks: 0,
  simulatedAbsent: [],
});

export class DrillSteps {
  readonly tally: Tally = emptyTally();

  constructor(
    private readonly x: Context,
    private term: DrillTerminal,
  ) {}

  async walkStep(step: Step): Promise<'ok' | 'failed'> {
    const { session } = this.x;
    await session.submit({ type: 'step-start', stepId: step.id });
    this.tally.steps++;
    let failed: string | null = null;
    for (const c of step.commands) failed = (await this.runOne(step, c)) ?? failed;
    await tickAll(session, step.confirmations);
    if (failed) {
      await session.submit({ type: 'step-fail', stepId: step.id, reason: `rehearsal: ${failed}` });
      return 'failed';
    }
    await session.submit({ type: 'step-complete', stepId: step.id });
    return 'ok';
  }

  /** Follow the plan for a command that gets past the shims: true to run it. */
  private async flaggedMayRun(step: Step, c: Command): Promise<boolean> {
    const { sandbox, plan, session } = this.x;
    const iso = sandbox.isolation;
    const bypass = sandbox.flags[c.id];
    if (!bypass) return true;
    const choice = plan.flagged ?? (heldBySandbox(iso, bypass) ? 'run' : 'fail');
    const what = bypass.map((b) => b.what).join(', ');
    if (choice === 'run') return true;
    if (choice === 'fail')
      throw new DrillStopped(
        `"${step.title}" has a command that gets past the shims (${what}); isolation: ${isolationLine(iso)}; the plan says flagged: fail`,
      );
    this.x.log(
      `  – ${step.title}: skipped a command that gets past the shims (${what}), as the plan says (flagged: skip)`,
    );
    this.tally.skipped.push(`${step.title}: ${what}`);
    await session.submit({
      type: 'note',
      text: `rehearsal: not run, it gets past the shims (${what}); plan flagged: skip`,
      by: plan.operator,
    });
    return false;
  }

  /** Run one step command; the failed check's detail, or null. */
  private async runOne(step: Step, c: Command): Promise<string | null> {
    const { session, sandbox, plan } = this.x;
    const rendered = renderStepCommand(session, step.id, c.id);
    rendered.text = stripPrompts(rendered.text);
    const firstLine =
      rendered.text
        .split('\n')
        .find((l) => l.trim() && !l.trim().startsWith('#'))
        ?.slice(0, 70) ?? '(comment)';
    if (isEmptyCommand(rendered.text)) {
      this.x.log(`  – ${step.title}: an empty command, not sent`);
      return null;
    }
    if (!(await this.flaggedMayRun(step, c))) return null;
    markCurrent(sandbox, step.id, c.id);
    const ran = await this.execute(step, rendered.text);
    const calls = drainShimLog(sandbox);
    for (const call of calls) await session.submit(call);
    await new Promise((res) => setTimeout(res, 50));
    const blocked = drainBlocked(sandbox, step.id, c.id);
    for (const b of blocked) await session.submit(b);
    this.tally.blocked += blocked.length;
    if (ran.cut) this.tally.cutShort.push(`${step.title}: ${firstLine}`);
    const shims = summarizeShims(calls);
    this.tally.simulatedAbsent.push(...shims.absent.map((a) => `${step.title}: ${a}`));
    const comparison = ran.endedShell
      ? shellEnded()
      : ran.cut
        ? cutShort(Math.round(ran.limit / 1000))
        : rehearsalComparison(step, c, ran.f.output, ran.f.exitCode, shims);
    await this.record(step, c, rendered.text, ran.f, comparison);
    const mark = comparison.result === 'mismatch' ? '✗' : comparison.result === 'match' ? '✓' : '·';
    this.x.log(
      `  ${mark} ${step.title}: ${firstLine} → exit ${ran.f.exitCode ?? '—'} ${comparison.result}${ran.cut ? ' (cut short)' : ''}${ran.endedShell ? ' (it ended its shell; a new one took its place)' : ''}${shims.absent.length ? ' (simulated: not on this machine)' : ''}${blocked.length ? ` — sandbox blocked ${blocked.length}` : ''}`,
    );
    if (plan.fillFromOutput) {
      const blank = step.fields.find((x) => x.kind !== 'cell' && !session.state.fields[x.id]?.value);
      const last = ran.f.output.trim().split('\n').pop()?.trim();
      if (blank && last) await session.submit({ type: 'field-set', fieldId: blank.id, value: last.slice(0, 2000) });
    }
    if (comparison.result === 'mismatch') this.tally.failedChecks++;
    return comparison.result === 'mismatch' ? comparison.detail : null;
  }

  /** Send the command and wait (within its limit); a shell that ended or never came back is replaced. */
  private async execute(step: Step, text: string): Promise<Ran> {
    const { session, sandbox, plan, ptys, shell } = this.x;
    const limit = commandLimitMs(step, plan);
    const startedAt = Date.now();
    const r = await this.term.run(rehearsalCommand(text, sandbox), limit);
    this.tally.commands++;
    const endedShell = !r && this.term.exited;
    if (!r) {
      // The shell ended, or did not come back even after Ctrl-C: a new one takes its place.
      this.term.close();
      this.term = new DrillTerminal(ptys, session, sandbox, shell);
      await this.term.ready();
    }
    const f: FinishedCommand = r?.f ?? {
      runId: null,
      commandLine: text,
      startedAt,
      endedAt: Date.now(),
      exitCode: null,
      output: '',
      outputChars: 0,
      truncated: false,
    };
    return { f, cut: !endedShell && (!r || r.cut), endedShell, limit };
  }

  private async record(step: Step, c: Command, text: string, f: FinishedCommand, comparison: Comparison) {
    const run = { stepId: step.id, commandId: c.id, terminal: this.term.id, text };
    await this.x.session.submit(commandRunEvent(run, f, null, comparison));
  }
}
