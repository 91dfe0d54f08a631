// The unattended drill (`tejun rehearse FILE --headless`): a rehearsal session walked by the plan,
// every step command run in a real pty through the shims, faults and decisions applied, the session
// completed and signed, and the evidence written out. A team can rehearse its runbooks in CI.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PLAN_READ, readRegularFileSync, RUNBOOK_READ } from '../files';
import { basename, join } from 'node:path';
import type { Step } from '../../shared/model';
import { nextStep } from '../../shared/session/walk';
import { requiredVariables } from '../../shared/variables';
import { addSignature, bundleFileName, serializeBundle } from '../evidence/bundle';
import { buildBundle, markdownExport, reportExport } from '../evidence/exporter';
import { createKey, loadKey } from '../evidence/keys';
import { journalSignOff } from '../evidence/entrySignature';
import { SessionStore, type OpenSession } from '../session/sessions';
import { tightenTree } from '../session/permissions';
import { PtyHost } from '../terminal/ptyHost';
import { DEFAULT_PLAN, parsePlan, type RehearsalPlan } from './plan';
import { isolationLine, type IsolationKind } from './isolation';
import { DrillTerminal } from './drillTerminal';
import { DrillSteps, DrillStopped, emptyTally, tickAll, type Tally } from './drillSteps';
import { isolationEvent, prepareSandbox } from './sandbox';
import { TempDirs } from './tempDirs';
import { describeRunbook } from '../runbook/load';

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

/** A drill's outcome: its tally (steps, commands, what was cut short, skipped, blocked, failed or simulated). */
export interface DrillResult extends Tally {
  ok: boolean;
  reason: string;
  outcome: string | null;
  /** The session folder while the drill ran (removed with its secrets when it returns; `out` has a copy). */
  sessionDir: string;
  files: string[];
  isolation: IsolationKind;
  /** Set when the document has nothing to rehearse (a reference document): not a failure. */
  nothingToRehearse: string | null;
}

// Re-exported for their callers (tests, test kits): they live with the step walk now.
export { commandLimitMs, isEmptyCommand, tickAll } from './drillSteps';
export { isolationLine } from './isolation';

const EMPTY: Omit<DrillResult, 'ok' | 'reason' | 'nothingToRehearse'> = {
  outcome: null,
  sessionDir: '',
  files: [],
  isolation: 'shims-only',
  ...emptyTally(),
};

/** A reference document (no phases, commands or checkboxes) has nothing to walk: said, and not a failure. */
export function nothingToRehearse(bytes: Uint8Array, name: string): string | null {
  const doc = describeRunbook(bytes, name);
  if (doc.model.kind !== 'reference') return null;
  return `${name} is a reference document (no phases, commands or checkboxes to walk); no session was made`;
}

export async function runDrill(opts: DrillOptions): Promise<DrillResult> {
  const planText = opts.plan ? readRegularFileSync(opts.plan, PLAN_READ).toString('utf8') : null;
  const plan: RehearsalPlan = planText ? parsePlan(planText, opts.plan) : DEFAULT_PLAN;
  const bytes = readRegularFileSync(opts.runbook, RUNBOOK_READ);
  const nothing = nothingToRehearse(bytes, basename(opts.runbook));
  if (nothing) {
    opts.log?.(`nothing to rehearse: ${nothing}`);
    return { ...EMPTY, ok: true, reason: `nothing to rehearse: ${nothing}`, nothingToRehearse: nothing };
  }
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
  const iso = sandbox.isolation;
  const files: string[] = [];

  let stopped: string | null = null;
  try {
    await session.submit(isolationEvent(sandbox));
    const shell = opts.shell ?? '/bin/bash';
    const term = new DrillTerminal(ptys, session, sandbox, shell);
    await term.ready();
    log(
      `rehearsal ${session.id}: ${model.title} (shell integration: ${term.integration}, ${sandbox.tools.length} tools shimmed)`,
    );
    log(`isolation: ${isolationLine(iso)}`);
    await session.submit({
      type: 'variables-set',
      values: Object.fromEntries(requiredVariables(model).map((v) => [v.name, `rehearsal-${v.name.toLowerCase()}`])),
    });
    await session.submit({ type: 'preflight-start' });
    if (model.prerequisites) await tickAll(session, model.prerequisites.confirmations);
    await session.submit({ type: 'go-decision', decision: 'go', by: plan.operator, reason: 'rehearsal' });

    const steps = new DrillSteps({ session, sandbox, plan, ptys, shell, log }, term);
    const walkStep = (step: Step) => steps.walkStep(step);
    try {
      await walk(session, plan, walkStep, log);
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
      isolation: iso.kind,
      nothingToRehearse: null,
      ...steps.tally,
    };
  } finally {
    await store.closeAll();
  }
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
