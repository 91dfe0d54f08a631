// The unattended drill (`tejun rehearse FILE --headless`): a rehearsal session walked by the plan,
// every step command run in a real pty through the shims, faults and decisions applied, the session
// completed and signed, and the evidence written out. A team can rehearse its runbooks in CI.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PLAN_READ, readRegularFileSync, RUNBOOK_READ } from '../files';
import { basename, join } from 'node:path';
import type { Command, Confirmation, Step } from '../../shared/model';
import { nextStep } from '../../shared/session/walk';
import { requiredVariables } from '../../shared/variables';
import { addSignature, bundleFileName, serializeBundle } from '../evidence/bundle';
import { buildBundle, markdownExport, reportExport } from '../evidence/exporter';
import { createKey, loadKey } from '../evidence/keys';
import { journalSignOff } from '../evidence/entrySignature';
import { SessionStore, type OpenSession } from '../session/sessions';
import { tightenTree } from '../session/permissions';
import type { FinishedCommand } from '../terminal/commandTracker';
import { commandRunEvent, renderStepCommand } from '../session/stepCommands';
import { PtyHost } from '../terminal/ptyHost';
import { DEFAULT_PLAN, parsePlan, type RehearsalPlan } from './plan';
import type { Isolation, IsolationKind } from './isolation';
import {
  drainBlocked,
  drainShimLog,
  isolationEvent,
  markCurrent,
  prepareSandbox,
  rehearsalCommand,
  shellWrap,
  type Sandbox,
} from './sandbox';
import { TempDirs } from './tempDirs';
import { stripPrompts } from '../runbook/prompts';
import { cutShort, rehearsalComparison, summarizeShims } from './verdict';

export interface DrillOptions {
  runbook: string;
  plan?: string;
  out: string;
  /** Sign with this key (passphrase from TEJUN_KEY_PASSPHRASE); else a throw-away rehearsal key. */
  key?: string;
  log?: (line: string) => void;
  /** The shell to drill with (default bash: the drill must not depend on the operator's rc files). */
  shell?: string;
}

export interface DrillResult {
  ok: boolean;
  reason: string;
  outcome: string | null;
  /** The session folder while the drill ran (removed with its secrets when it returns; `out` has a copy). */
  sessionDir: string;
  files: string[];
  isolation: IsolationKind;
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
}

const OWNER = 'drill';
/** After Ctrl-C, a cut-short command gets this long to give its prompt back before its shell is replaced. */
const INTERRUPT_GRACE_MS = 3000;

class DrillTerminal {
  private waiters: ((c: FinishedCommand) => void)[] = [];
  private statusWaiters: (() => void)[] = [];
  integration = 'pending';
  readonly id: string;

  constructor(
    private readonly ptys: PtyHost,
    session: OpenSession,
    sandbox: Sandbox,
    shell: string,
  ) {
    const wrap = shellWrap(sandbox);
    const created = ptys.create(
      OWNER,
      160,
      40,
      {
        data: (id, d) => ptys.ack(OWNER, id, d.length),
        exit: () => {},
        status: (_id, s) => {
          this.integration = s;
          for (const w of this.statusWaiters.splice(0)) w();
        },
        command: (_id, c) => this.waiters.shift()?.(c),
      },
      {
        transcriptDir: join(session.dir, 'terminals'),
        redactor: () => session.secrets.redactor(),
        name: 'drill',
        env: { ...sandbox.env, HOME: sandbox.home, SHELL: shell },
        ...(wrap ? { wrap } : {}),
      },
    );
    this.id = created.id;
    this.integration = created.integration;
  }

  async ready(ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (this.integration === 'pending' && Date.now() < end)
      await new Promise<void>((r) => (this.statusWaiters.push(r), setTimeout(r, 200)));
  }

  /** Run within `ms`; past it, Ctrl-C. `cut` says it was cut short; null: the shell never came back. */
  run(text: string, ms: number): Promise<{ f: FinishedCommand; cut: boolean } | null> {
    return new Promise((resolve, reject) => {
      let cut = false;
      const waiter = (c: FinishedCommand) => (clearTimeout(timer), clearTimeout(grace), resolve({ f: c, cut }));
      let grace: NodeJS.Timeout | undefined;
      const timer = setTimeout(() => {
        cut = true;
        try {
          this.ptys.write(OWNER, this.id, '\x03');
        } catch {
          // The shell already left (the command ended it): nothing to interrupt; a new shell takes its place.
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(null);
          return;
        }
        grace = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(null);
        }, INTERRUPT_GRACE_MS);
      }, ms);
      this.waiters.push(waiter);
      try {
        if (this.integration === 'active') this.ptys.paste(OWNER, this.id, text.replace(/\n+$/, ''), true);
        else this.ptys.runMarked(OWNER, this.id, `r${Date.now().toString(36)}`, text);
      } catch (e) {
        // Refused before anything reached the shell: no command will finish, so nothing may wait for one.
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  close(): void {
    try {
      this.ptys.close(OWNER, this.id);
    } catch {
      // Its shell already left.
    }
  }
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
export async function tickAll(s: OpenSession, cs: Confirmation[]): Promise<void> {
  for (const c of cs) {
    if (!s.state.confirmations[c.id]?.checked)
      await s.submit({ type: 'confirmation-set', confirmationId: c.id, checked: true });
    await tickAll(s, c.children);
  }
}

class DrillStopped extends Error {}

export async function runDrill(opts: DrillOptions): Promise<DrillResult> {
  const planText = opts.plan ? readRegularFileSync(opts.plan, PLAN_READ).toString('utf8') : null;
  const plan: RehearsalPlan = planText ? parsePlan(planText, opts.plan) : DEFAULT_PLAN;
  const bytes = readRegularFileSync(opts.runbook, RUNBOOK_READ);
  const temps = new TempDirs();
  const ptys = new PtyHost();
  const off = temps.onSignals(() => ptys.dispose());
  try {
    return await drill(opts, plan, planText, bytes, temps, ptys);
  } finally {
    off();
    ptys.dispose();
    temps.cleanup();
  }
}

type Tally = Pick<DrillResult, 'steps' | 'commands' | 'cutShort' | 'skipped' | 'blocked' | 'failedChecks'>;

/** One drill's walk: its session, sandbox and terminal (replaced when a shell does not come back), and the tally. */
class DrillWalk {
  readonly tally: Tally = { steps: 0, commands: 0, cutShort: [], skipped: [], blocked: 0, failedChecks: 0 };
  readonly iso: Isolation;
  term: DrillTerminal;

  constructor(
    private readonly ptys: PtyHost,
    private readonly session: OpenSession,
    private readonly sandbox: Sandbox,
    private readonly plan: RehearsalPlan,
    private readonly shell: string,
    private readonly log: (line: string) => void,
  ) {
    this.iso = sandbox.isolation;
    this.term = new DrillTerminal(ptys, session, sandbox, shell);
  }

  /** Follow the plan for a command that gets past the shims: true to run it. */
  private async flaggedMayRun(step: Step, c: Command): Promise<boolean> {
    const bypass = this.sandbox.flags[c.id];
    if (!bypass) return true;
    const choice = this.plan.flagged ?? (this.iso.kind === 'shims-only' ? 'fail' : 'run');
    const what = bypass.map((b) => b.what).join(', ');
    if (choice === 'run') return true;
    if (choice === 'fail')
      throw new DrillStopped(
        `"${step.title}" has a command that gets past the shims (${what}); isolation: ${isolationLine(this.iso)}; the plan says flagged: fail`,
      );
    this.log(
      `  – ${step.title}: skipped a command that gets past the shims (${what}), as the plan says (flagged: skip)`,
    );
    this.tally.skipped.push(`${step.title}: ${what}`);
    await this.session.submit({
      type: 'note',
      text: `rehearsal: not run, it gets past the shims (${what}); plan flagged: skip`,
      by: this.plan.operator,
    });
    return false;
  }

  /** Run one command of the step through the shims; the mismatch's detail when its check failed. */
  private async runOne(step: Step, c: Command): Promise<string | null> {
    const rendered = renderStepCommand(this.session, step.id, c.id);
    rendered.text = stripPrompts(rendered.text);
    const firstLine =
      rendered.text
        .split('\n')
        .find((l) => l.trim() && !l.trim().startsWith('#'))
        ?.slice(0, 70) ?? '(comment)';
    if (isEmptyCommand(rendered.text)) {
      this.log(`  – ${step.title}: an empty command, not sent`);
      return null;
    }
    if (!(await this.flaggedMayRun(step, c))) return null;
    markCurrent(this.sandbox, step.id, c.id);
    const limit = commandLimitMs(step, this.plan);
    const startedAt = Date.now();
    const r = await this.term.run(rehearsalCommand(rendered.text, this.sandbox), limit);
    this.tally.commands++;
    if (!r) {
      // The shell did not come back even after Ctrl-C: a new one takes its place.
      this.term.close();
      this.term = new DrillTerminal(this.ptys, this.session, this.sandbox, this.shell);
      await this.term.ready();
    }
    const f: FinishedCommand = r?.f ?? {
      runId: null,
      commandLine: rendered.text,
      startedAt,
      endedAt: Date.now(),
      exitCode: null,
      output: '',
      outputChars: 0,
      truncated: false,
    };
    const calls = drainShimLog(this.sandbox);
    for (const call of calls) await this.session.submit(call);
    await new Promise((res) => setTimeout(res, 50));
    const blocked = drainBlocked(this.sandbox, step.id, c.id);
    for (const b of blocked) await this.session.submit(b);
    this.tally.blocked += blocked.length;
    const cut = !r || r.cut;
    if (cut) this.tally.cutShort.push(`${step.title}: ${firstLine}`);
    const comparison = cut
      ? cutShort(Math.round(limit / 1000))
      : rehearsalComparison(step, c, f.output, f.exitCode, summarizeShims(calls));
    await this.session.submit(
      commandRunEvent(
        { stepId: step.id, commandId: c.id, terminal: this.term.id, text: rendered.text },
        f,
        null,
        comparison,
      ),
    );
    const mark = comparison.result === 'mismatch' ? '✗' : comparison.result === 'match' ? '✓' : '·';
    this.log(
      `  ${mark} ${step.title}: ${firstLine} → exit ${f.exitCode ?? '—'} ${comparison.result}${cut ? ' (cut short)' : ''}${blocked.length ? ` — sandbox blocked ${blocked.length}` : ''}`,
    );
    if (this.plan.fillFromOutput) {
      const blank = step.fields.find((x) => x.kind !== 'cell' && !this.session.state.fields[x.id]?.value);
      const last = f.output.trim().split('\n').pop()?.trim();
      if (blank && last)
        await this.session.submit({ type: 'field-set', fieldId: blank.id, value: last.slice(0, 2000) });
    }
    if (comparison.result === 'mismatch') this.tally.failedChecks++;
    return comparison.result === 'mismatch' ? comparison.detail : null;
  }

  readonly walkStep = async (step: Step): Promise<'ok' | 'failed'> => {
    await this.session.submit({ type: 'step-start', stepId: step.id });
    this.tally.steps++;
    let failed: string | null = null;
    for (const c of step.commands) failed = (await this.runOne(step, c)) ?? failed;
    await tickAll(this.session, step.confirmations);
    if (failed) {
      await this.session.submit({ type: 'step-fail', stepId: step.id, reason: `rehearsal: ${failed}` });
      return 'failed';
    }
    await this.session.submit({ type: 'step-complete', stepId: step.id });
    return 'ok';
  };
}

async function drill(
  opts: DrillOptions,
  plan: RehearsalPlan,
  planText: string | null,
  bytes: Buffer,
  temps: TempDirs,
  ptys: PtyHost,
): Promise<DrillResult> {
  const log = opts.log ?? (() => {});
  const store = new SessionStore(temps.make('tejun-drill-'));
  const session = await store.create(bytes, basename(opts.runbook), {
    rehearsal: true,
    speed: plan.speed,
    operator: plan.operator,
  });
  if (planText) writeFileSync(join(session.dir, 'rehearsal-plan.yaml'), planText, { mode: 0o600 });
  const model = session.doc.model;
  const sandbox = prepareSandbox(session.dir, model, plan);
  const files: string[] = [];
  let stopped: string | null = null;
  try {
    await session.submit(isolationEvent(sandbox));
    const run = new DrillWalk(ptys, session, sandbox, plan, opts.shell ?? '/bin/bash', log);
    await run.term.ready();
    log(
      `rehearsal ${session.id}: ${model.title} (shell integration: ${run.term.integration}, ${sandbox.tools.length} tools shimmed)`,
    );
    log(`isolation: ${isolationLine(run.iso)}`);
    await session.submit({
      type: 'variables-set',
      values: Object.fromEntries(requiredVariables(model).map((v) => [v.name, `rehearsal-${v.name.toLowerCase()}`])),
    });
    await session.submit({ type: 'preflight-start' });
    if (model.prerequisites) await tickAll(session, model.prerequisites.confirmations);
    await session.submit({ type: 'go-decision', decision: 'go', by: plan.operator, reason: 'rehearsal' });

    try {
      await walk(session, plan, run.walkStep, log);
    } catch (e) {
      if (!(e instanceof DrillStopped)) throw e;
      stopped = e.message;
      log(`  the drill stops: ${stopped}`);
    }
    const outcome = stopped
      ? null
      : session.state.lifecycle === 'rollback'
        ? 'rolled-back'
        : session.state.lifecycle === 'monitoring'
          ? 'success'
          : null;
    if (outcome) await session.submit({ type: 'complete', outcome, by: plan.operator, note: 'rehearsal drill' });
    await writeEvidence(opts, plan, session, store, temps, files);
    const final = session.state.outcome;
    const expected = plan.expect ?? (plan.faults.length ? 'rolled-back' : 'success');
    const ok = !stopped && final === expected;
    const reason = stopped
      ? `the drill failed: ${stopped}`
      : ok
        ? `the drill ended ${final}, as the plan expected`
        : `the drill ended ${final ?? 'unfinished'}, but the plan expected ${expected}`;
    return {
      ok,
      reason,
      outcome: final,
      sessionDir: join(opts.out, 'session'),
      files,
      isolation: run.iso.kind,
      ...run.tally,
    };
  } finally {
    await store.closeAll();
  }
}

export function isolationLine(iso: Isolation): string {
  if (iso.kind === 'shims-only') return `shims only — commands can reach the network (${iso.note})`;
  return `${iso.note}; blocked attempts ${iso.observer ? `observed with ${iso.observer}` : 'not observed'}`;
}

async function walk(
  session: OpenSession,
  plan: RehearsalPlan,
  walkStep: (s: Step) => Promise<'ok' | 'failed'>,
  log: (l: string) => void,
): Promise<void> {
  const model = session.doc.model;
  for (let guard = 0; guard < 10_000; guard++) {
    const next = nextStep(model, session.state);
    if (!next) {
      if (session.state.lifecycle !== 'running') return;
      await session.submit({ type: 'gate', healthy: true, by: plan.operator });
      continue;
    }
    if ((await walkStep(next)) === 'ok') continue;
    if (session.state.lifecycle === 'rollback') {
      log(`  the rollback step "${next.title}" failed; the drill stops here`);
      return;
    }
    const d = plan.onFailure;
    log(`  decision: ${d.choice} — ${d.reason}`);
    await session.submit({
      type: 'decision',
      choice: d.choice,
      reason: d.reason,
      by: d.by,
      trigger: `check:${next.id}`,
    });
    if (d.choice !== 'rollback')
      await session.submit({
        type: 'step-skip',
        stepId: next.id,
        reason: `rehearsal: continued after the failure (${d.choice})`,
      });
  }
}

/** Sign (the given key, or a throw-away key made for this drill alone) and write the evidence to `out`. */
async function writeEvidence(
  opts: DrillOptions,
  plan: RehearsalPlan,
  session: OpenSession,
  store: SessionStore,
  temps: TempDirs,
  files: string[],
): Promise<void> {
  let keyFile = opts.key;
  let pass = process.env.TEJUN_KEY_PASSPHRASE ?? '';
  if (!keyFile) {
    keyFile = join(temps.make('tejun-drill-key-'), 'rehearsal.ed25519.pem');
    pass = `rehearsal-${Date.now()}-${Math.random()}`;
    createKey(keyFile, pass);
  }
  const { key, identity } = loadKey(keyFile, pass);
  if (session.state.lifecycle === 'completed')
    await journalSignOff(session, { name: plan.operator, key, identity }, 'operator');
  await store.closeAll();
  mkdirSync(opts.out, { recursive: true });
  const bundle = addSignature(
    buildBundle(session.dir),
    { name: plan.operator, role: 'operator', key, publicKey: identity.publicKey },
    new Date(),
  );
  const write = (name: string, text: string) => {
    const f = join(opts.out, name);
    writeFileSync(f, text, { mode: 0o600 });
    files.push(f);
  };
  write(bundleFileName(bundle), serializeBundle(bundle));
  write(`REHEARSAL-${session.id}.md`, markdownExport(session.dir).text);
  write(`REHEARSAL-${session.id}.report.md`, reportExport(session.dir).text);
  // Not the secrets; the shims' log (the arguments they were called with) is copied redacted.
  const privateOnly = (src: string) => !src.endsWith('secrets.json') && !src.endsWith('shim.log');
  cpSync(session.dir, join(opts.out, 'session'), { recursive: true, filter: privateOnly });
  const shimLog = join(session.dir, 'rehearsal', 'shim.log');
  if (existsSync(shimLog)) {
    const clean = session.secrets.redactor().redact(readFileSync(shimLog, 'utf8'));
    writeFileSync(join(opts.out, 'session', 'rehearsal', 'shim.log'), clean, { mode: 0o600 });
  }
  tightenTree(join(opts.out, 'session'), { exact: true });
  files.push(join(opts.out, 'session'));
}
