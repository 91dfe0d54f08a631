// The step channels of the contract: a step's command rendered with the session's variables, and Run/Paste:
// core renders, checks the targets, asks for confirmation, pastes or runs, and remembers which run to journal.
import { randomBytes } from 'node:crypto';
import { translate, type UiLanguage } from '../../shared/i18n';
import { heldBySandbox } from '../rehearsal/isolation';
import { fourEyesGate } from '../review/gate';
import type { Handlers, ParsedParams, Result } from '../../shared/contract';
import { TejunError } from '../../shared/errors';
import type { Step } from '../../shared/model';
import type { ClientCtx, CoreContext } from '../context';
import { markCurrent, rehearsalCommand, answerProbe, clearProbe, type Sandbox } from '../rehearsal/sandbox';
import { stripPrompts } from '../runbook/prompts';
import type { OpenSession } from '../session/sessions';
import { confirmationReason, refuseUnresolved, renderStepCommand } from '../session/stepCommands';
import {
  mismatchMessage,
  PROBES,
  probeAnswer,
  probeTimeoutMessage,
  sameTarget,
  type Mismatch,
} from '../terminal/targetProbe';

type StepChannels = 'step:render' | 'step:run';

function refuseForeignTerminal(core: CoreContext, session: OpenSession, terminalId: string): void {
  if (core.terminals.session.get(terminalId) !== session)
    throw new TejunError(
      'TERMINAL_NOT_FOUND',
      `Terminal ${terminalId} does not belong to this session; run the command in the session's terminal.`,
    );
}

/** Probe each target the step names, journal what the terminal answered, refuse on a mismatch not overridden. */
async function checkTargets(
  core: CoreContext,
  session: OpenSession,
  step: Step,
  terminalId: string,
  clientId: string,
): Promise<void> {
  if (!step.targets.length) return;
  const lang = session.doc.model.language;
  refuseForeignTerminal(core, session, terminalId);
  const sandbox = core.sandboxes.of(session);
  const found: Mismatch[] = [];
  for (const t of step.targets) {
    const probe = PROBES[t.kind];
    if (sandbox) answerProbe(sandbox, probe.tool, t.value);
    const f = await core.terminals.runProbe(clientId, terminalId, probe.command);
    if (sandbox) clearProbe(sandbox);
    if (!f) throw new TejunError('TARGET_MISMATCH', probeTimeoutMessage(t.kind, lang));
    const actual = probeAnswer(f.output, f.exitCode);
    const ok = sameTarget(t.kind, t.value, actual);
    await session.record({
      type: 'target-probed',
      stepId: step.id,
      terminal: terminalId,
      kind: t.kind,
      command: probe.command,
      expected: t.value,
      actual,
      exitCode: f.exitCode,
      ok,
    });
    const overridden = session.state.targetOverrides.some(
      (o) => o.stepId === step.id && o.kind === t.kind && o.expected === t.value && o.actual === actual,
    );
    if (!ok && !overridden) found.push({ kind: t.kind, expected: t.value, actual });
  }
  if (found.length)
    throw new TejunError('TARGET_MISMATCH', mismatchMessage(found, lang), {
      field: found.map((m) => m.kind).join(','),
    });
}

/** A rehearsal command that would slip past the shims is never run without a second look, unless an OS sandbox
 * holds the shell. */
function refuseShimBypass(sandbox: Sandbox | null, commandId: string, lang: UiLanguage): void {
  const flagged = sandbox?.flags[commandId];
  const bypass = flagged && !heldBySandbox(sandbox.isolation, flagged) ? flagged : undefined;
  if (!bypass) return;
  throw new TejunError(
    'CONFIRMATION_REQUIRED',
    translate(lang, 'confirm.shimBypass', { what: bypass.map((b) => b.what).join(translate(lang, 'refuse.names')) }),
  );
}

/** Run: pasted with Enter where the shell's marks report the command, else inside tejun's own markers. */
function runInTerminal(
  core: CoreContext,
  clientId: string,
  p: { stepId: string; commandId: string; terminalId: string },
  text: string,
): Result<'step:run'> {
  const { stepId, commandId, terminalId } = p;
  if (core.terminals.marksCommands(clientId, terminalId)) {
    core.terminals.pendingRuns.set(terminalId, { stepId, commandId, text, runId: null });
    core.ptys.paste(clientId, terminalId, text.replace(/\n+$/, ''), true);
    return { text, mode: 'run' as const };
  }
  const runId = `r${randomBytes(4).toString('hex')}`;
  core.terminals.pendingRuns.set(terminalId, { stepId, commandId, text, runId });
  core.ptys.runMarked(clientId, terminalId, runId, text);
  return { text, mode: 'marked' as const };
}

async function stepRun(core: CoreContext, p: ParsedParams<'step:run'>, ctx: ClientCtx): Promise<Result<'step:run'>> {
  const { sessionId, stepId, commandId, terminalId, mode, confirmed } = p;
  const session = await core.sessions.get(sessionId);
  const lang = session.doc.model.language;
  const rendered = renderStepCommand(session, stepId, commandId);
  if (rendered.unresolved.length) refuseUnresolved(rendered.unresolved, lang);
  // A `$ ` prompt the parser left in the command would make it exit 127.
  rendered.text = stripPrompts(rendered.text);
  const sandbox = core.sandboxes.of(session);
  if (sandbox) markCurrent(sandbox, stepId, commandId);
  // In a rehearsal, files the command writes land under the rehearsal's own root.
  const r = sandbox ? { ...rendered, text: rehearsalCommand(rendered.text, sandbox) } : rendered;
  // The right command on the right target: probed before the confirmation and again before the confirmed Run,
  // since the operator may switch contexts in between.
  await checkTargets(core, session, r.step, terminalId, ctx.clientId);
  // Four eyes: only the exact text a checker confirmed runs (pasting it would let Enter bypass them).
  await fourEyesGate(session, r.step, commandId, r.text, core.deps.settings.get().operatorName || 'operator');
  if (mode !== 'run') {
    core.ptys.paste(ctx.clientId, terminalId, r.text.replace(/\n+$/, ''), false);
    return { text: r.text, mode: 'paste' as const };
  }
  if (!confirmed) refuseShimBypass(sandbox, commandId, lang);
  const why = confirmed ? null : confirmationReason(r.step, r.command, lang);
  if (why) throw new TejunError('CONFIRMATION_REQUIRED', why);
  refuseForeignTerminal(core, session, terminalId);
  return runInTerminal(core, ctx.clientId, p, r.text);
}

export function stepHandlers(core: CoreContext): Pick<Handlers<ClientCtx>, StepChannels> {
  return {
    'step:render': async ({ sessionId, stepId, commandId }) => {
      const r = renderStepCommand(await core.sessions.get(sessionId), stepId, commandId);
      return { text: r.text, unresolved: r.unresolved };
    },
    'step:run': (p, ctx) => stepRun(core, p, ctx),
  };
}
