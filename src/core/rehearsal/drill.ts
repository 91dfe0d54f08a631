// The unattended drill (`tejun rehearse FILE --headless`): a rehearsal session walked by the plan,
// every step command run in a real pty through the shims, faults and decisions applied, the session
// completed and signed, and the evidence written out. A team can rehearse its runbooks in CI.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Confirmation, Step } from '../../shared/model';
import { nextStep } from '../../shared/session/walk';
import { requiredVariables } from '../../shared/variables';
import { addSignature, bundleFileName, serializeBundle } from '../evidence/bundle';
import { buildBundle, markdownExport, reportExport } from '../evidence/exporter';
import { createKey, loadKey } from '../evidence/keys';
import { signEntry } from '../evidence/entrySignature';
import { SessionStore, type OpenSession } from '../session/sessions';
import { tightenTree } from '../session/permissions';
import type { FinishedCommand } from '../terminal/commandTracker';
import { compareOutput } from '../terminal/compare';
import { renderStepCommand } from '../session/stepCommands';
import { PtyHost } from '../terminal/ptyHost';
import { DEFAULT_PLAN, parsePlan, type RehearsalPlan } from './plan';
import { PLAN_READ, readRegularFileSync, RUNBOOK_READ } from '../files';
import { drainShimLog, markCurrent, prepareSandbox, rehearsalCommand, type Sandbox } from './sandbox';

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
  sessionDir: string;
  files: string[];
}

const OWNER = 'drill';

class DrillTerminal {
  private waiters: ((c: FinishedCommand) => void)[] = [];
  private statusWaiters: (() => void)[] = [];
  integration = 'pending';
  readonly id: string;

  constructor(private readonly ptys: PtyHost, session: OpenSession, sandbox: Sandbox, shell: string) {
    const home = join(sandbox.dir, 'home');
    mkdirSync(home, { recursive: true });
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
      { transcriptDir: join(session.dir, 'terminals'), redactor: () => session.secrets.redactor(), name: 'drill', env: { ...sandbox.env, HOME: home, SHELL: shell } },
    );
    this.id = created.id;
    this.integration = created.integration;
  }

  async ready(ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (this.integration === 'pending' && Date.now() < end) await new Promise<void>((r) => (this.statusWaiters.push(r), setTimeout(r, 200)));
  }

  run(text: string, ms = 120_000): Promise<FinishedCommand> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The command did not finish within ${ms / 1000} s: ${text.split('\n')[0]}`)), ms);
      const waiter = (c: FinishedCommand): void => (clearTimeout(timer), resolve(c));
      this.waiters.push(waiter);
      try {
        if (this.integration === 'active') this.ptys.paste(OWNER, this.id, text.replace(/\n+$/, ''), true);
        else this.ptys.runMarked(OWNER, this.id, `r${Date.now().toString(36)}`, text);
      } catch (e) {
        // Refused before anything reached the shell: no command will finish, so nothing may wait for one.
        clearTimeout(timer);
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }
}

/** Tick every confirmation (and its children) not ticked yet. */
export async function tickAll(s: OpenSession, cs: Confirmation[]): Promise<void> {
  for (const c of cs) {
    if (!s.state.confirmations[c.id]?.checked) await s.submit({ type: 'confirmation-set', confirmationId: c.id, checked: true });
    await tickAll(s, c.children);
  }
}

export async function runDrill(opts: DrillOptions): Promise<DrillResult> {
  const log = opts.log ?? (() => {});
  const bytes = readRegularFileSync(opts.runbook, RUNBOOK_READ);
  const planText = opts.plan ? readRegularFileSync(opts.plan, PLAN_READ).toString('utf8') : null;
  const plan: RehearsalPlan = planText ? parsePlan(planText, opts.plan) : DEFAULT_PLAN;
  const dataDir = mkdtempSync(join(tmpdir(), 'tejun-drill-'));
  const store = new SessionStore(dataDir);
  const session = await store.create(bytes, basename(opts.runbook), { rehearsal: true, speed: plan.speed, operator: plan.operator });
  if (planText) writeFileSync(join(session.dir, 'rehearsal-plan.yaml'), planText, { mode: 0o600 });
  const model = session.doc.model;
  const sandbox = prepareSandbox(session.dir, model, plan);
  const ptys = new PtyHost();
  const files: string[] = [];
  let copied = false;
  try {
    const term = new DrillTerminal(ptys, session, sandbox, opts.shell ?? '/bin/bash');
    await term.ready();
    log(`rehearsal ${session.id}: ${model.title} (shell integration: ${term.integration}, ${sandbox.tools.length} tools shimmed)`);
    await session.submit({ type: 'variables-set', values: Object.fromEntries(requiredVariables(model).map((v) => [v.name, `rehearsal-${v.name.toLowerCase()}`])) });
    await session.submit({ type: 'preflight-start' });
    if (model.prerequisites) await tickAll(session, model.prerequisites.confirmations);
    await session.submit({ type: 'go-decision', decision: 'go', by: plan.operator, reason: 'rehearsal' });

    const walkStep = async (step: Step): Promise<'ok' | 'failed'> => {
      await session.submit({ type: 'step-start', stepId: step.id });
      let failed: string | null = null;
      for (const c of step.commands) {
        const rendered = renderStepCommand(session, step.id, c.id);
        markCurrent(sandbox, step.id, c.id);
        const f = await term.run(rehearsalCommand(rendered.text, sandbox));
        for (const call of drainShimLog(sandbox)) await session.submit(call);
        const comparison = compareOutput(step, c, f.output, f.exitCode);
        await session.submit({ type: 'command-run', stepId: step.id, commandId: c.id, terminal: term.id, text: rendered.text, startedAt: f.startedAt, endedAt: f.endedAt, exitCode: f.exitCode, output: f.output, outputChars: f.outputChars, truncated: f.truncated, transcript: null, comparison });
        log(`  ${comparison.result === 'mismatch' ? '✗' : '✓'} ${step.title}: ${rendered.text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#'))?.slice(0, 70) ?? '(comment)'} → exit ${f.exitCode} ${comparison.result}`);
        if (comparison.result === 'mismatch' && !failed) failed = comparison.detail;
        if (plan.fillFromOutput) {
          const blank = step.fields.find((x) => x.kind !== 'cell' && !session.state.fields[x.id]?.value);
          const last = f.output.trim().split('\n').pop()?.trim();
          if (blank && last) await session.submit({ type: 'field-set', fieldId: blank.id, value: last.slice(0, 2000) });
        }
      }
      await tickAll(session, step.confirmations);
      if (failed) {
        await session.submit({ type: 'step-fail', stepId: step.id, reason: `rehearsal: ${failed}` });
        return 'failed';
      }
      await session.submit({ type: 'step-complete', stepId: step.id });
      return 'ok';
    };

    for (let guard = 0; guard < 10_000; guard++) {
      const next = nextStep(model, session.state);
      if (!next) {
        if (session.state.lifecycle === 'running') {
          await session.submit({ type: 'gate', healthy: true, by: plan.operator });
          continue;
        }
        break;
      }
      const r = await walkStep(next);
      if (r === 'failed') {
        if (session.state.lifecycle === 'rollback') {
          log(`  the rollback step "${next.title}" failed; the drill stops here`);
          break;
        }
        const d = plan.onFailure;
        log(`  decision: ${d.choice} — ${d.reason}`);
        await session.submit({ type: 'decision', choice: d.choice, reason: d.reason, by: d.by, trigger: `check:${next.id}` });
        if (d.choice !== 'rollback') await session.submit({ type: 'step-skip', stepId: next.id, reason: `rehearsal: continued after the failure (${d.choice})` });
      }
    }
    const outcome = session.state.lifecycle === 'rollback' ? 'rolled-back' : session.state.lifecycle === 'monitoring' ? 'success' : null;
    if (outcome) await session.submit({ type: 'complete', outcome, by: plan.operator, note: 'rehearsal drill' });

    // Sign: the given key, or a throw-away key made for this drill alone.
    let keyFile = opts.key;
    let pass = process.env.TEJUN_KEY_PASSPHRASE ?? '';
    if (!keyFile) {
      keyFile = join(mkdtempSync(join(tmpdir(), 'tejun-drill-key-')), 'rehearsal.ed25519.pem');
      pass = `rehearsal-${Date.now()}-${Math.random()}`;
      createKey(keyFile, pass);
    }
    const { key, identity } = loadKey(keyFile, pass);
    if (session.state.lifecycle === 'completed') {
      const base = { sessionId: session.id, runbookSha256: session.state.runbookSha256, kind: 'sign-off' as const, by: plan.operator, role: 'operator' };
      await session.submitChained((after) => ({ type: 'sign-off', by: plan.operator, role: 'operator', fingerprint: identity.fingerprint, signature: signEntry(key, identity.publicKey, { ...base, after }) }));
    }
    await store.closeAll();

    mkdirSync(opts.out, { recursive: true });
    const bundle = addSignature(buildBundle(session.dir), { name: plan.operator, role: 'operator', key, publicKey: identity.publicKey }, new Date());
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
    copied = true;
    const final = session.state.outcome;
    const expected = plan.expect ?? (plan.faults.length ? 'rolled-back' : 'success');
    const ok = final === expected;
    return { ok, reason: ok ? `the drill ended ${final}, as the plan expected` : `the drill ended ${final ?? 'unfinished'}, but the plan expected ${expected}`, outcome: final, sessionDir: join(opts.out, 'session'), files };
  } finally {
    ptys.dispose();
    await store.closeAll();
    // The drill's own data folder is temporary once its session is copied to --out; on a failure it stays,
    // so what happened can still be read there.
    if (copied) rmSync(dataDir, { recursive: true, force: true });
  }
}
