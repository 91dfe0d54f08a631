// From a step's command id to the text that reaches the shell: rendered with the session's variables,
// refused while placeholders are unresolved, confirmed first when it changes production.
import type { Command, Step } from '../../shared/model';
import { TejunError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { describeHiddenChars, findHiddenChars } from '../../shared/hiddenChars';
import { renderCommand } from '../runbook/variables';
import { DESTRUCTIVE } from '../runbook/vocabulary';
import type { Comparison, SessionEvent } from '../../shared/session/events';
import type { FinishedCommand } from '../terminal/commandTracker';
import type { OpenSession } from './sessions';

export interface RenderedStepCommand {
  step: Step;
  command: Command;
  text: string;
  unresolved: string[];
}

export function findStepCommand(
  session: OpenSession,
  stepId: string,
  commandId: string,
): { step: Step; command: Command } {
  const m = session.doc.model;
  const steps = [
    ...(m.prerequisites ? [m.prerequisites] : []),
    ...m.phases.flatMap((p) => p.steps),
    ...(m.completion?.steps ?? []),
    ...(m.rollback?.phases.flatMap((p) => p.steps) ?? []),
  ];
  const step = steps.find((s) => s.id === stepId);
  const command = step?.commands.find((c) => c.id === commandId);
  if (!step || !command)
    throw new TejunError('NOT_FOUND', `No command ${commandId} in step ${stepId} of this runbook.`);
  return { step, command };
}

/** The operator's values, then the defaults the runbook declares. */
export function sessionValues(session: OpenSession): Record<string, string> {
  const values: Record<string, string> = {};
  for (const v of session.doc.model.variables) if (v.default !== null) values[v.name] = v.default;
  return { ...values, ...session.state.variables, ...session.secrets.all };
}

/** The command as it would reach the shell; refused when it holds characters that do not show. */
export function renderStepCommand(session: OpenSession, stepId: string, commandId: string): RenderedStepCommand {
  const { step, command } = findStepCommand(session, stepId, commandId);
  const { text, unresolved } = renderCommand(command.text, sessionValues(session));
  refuseHiddenCharacters(text, command, session.doc.model.language);
  return { step, command, text, unresolved };
}

/**
 * ESC can end a bracketed paste and run what follows; bidi controls make the card show one command and
 * the shell run another. Checked on the rendered text, so a variable's value cannot bring them in either.
 */
export function refuseHiddenCharacters(text: string, command: Command, lang: 'ja' | 'en'): void {
  const found = findHiddenChars(text);
  if (!found.length) return;
  const what = describeHiddenChars(found, lang, command.line);
  throw new TejunError('COMMAND_HIDDEN_CHARACTERS', translate(lang, 'refuse.hiddenChars', { what }), {
    line: command.line + (found[0]!.line - 1),
  });
}
/** Why this command must be confirmed before it runs, or null. */
export function confirmationReason(step: Step, command: Command, lang: 'ja' | 'en'): string | null {
  const destructive = DESTRUCTIVE.exec(command.text);
  if (destructive) return translate(lang, 'confirm.destructive', { op: destructive[0].trim() });
  if (step.kind === 'change') return translate(lang, 'confirm.change');
  return null;
}

export function refuseUnresolved(unresolved: string[], lang: 'ja' | 'en'): never {
  const names = unresolved
    .map((name) => translate(lang, 'refuse.name', { name }))
    .join(translate(lang, 'refuse.names'));
  const key = unresolved.length > 1 ? 'refuse.unresolvedMany' : 'refuse.unresolvedOne';
  throw new TejunError('UNRESOLVED_PLACEHOLDERS', translate(lang, key, { names }), { field: unresolved.join(',') });
}

/** A step's command as it finished in a terminal, for the journal (a transcript's lines where one is kept). */
export function commandRunEvent(
  run: { stepId: string; commandId: string; terminal: string; text: string },
  f: FinishedCommand,
  transcript: Extract<SessionEvent, { type: 'command-run' }>['transcript'],
  comparison: Comparison,
): Extract<SessionEvent, { type: 'command-run' }> {
  return {
    type: 'command-run',
    ...run,
    startedAt: f.startedAt,
    endedAt: f.endedAt,
    exitCode: f.exitCode,
    output: f.output,
    outputChars: f.outputChars,
    truncated: f.truncated,
    transcript,
    comparison,
  };
}
