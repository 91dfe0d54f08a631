// A step's commands with Copy / Paste / Run, and what the last run showed: exit code, the verdict
// against the expected value, the captured output. The renderer names the command; core renders it.
import { useState } from 'react';
import type { Step } from '../../../shared/model';
import { toErrorPayload } from '../../../shared/errors';
import { useApi } from '../api/ApiContext';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store';
import { terminals } from '../terminals';
import { CommandText } from './CommandText';
import { onRunRefused } from '../runRefusal';

export function StepCommands({ step }: { step: Step }) {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const runs = useAppStore((s) => s.session?.state.commandRuns);
  const terminalId = useAppStore((s) => s.terminals.find((x) => x.key === s.activeTerminal)?.id ?? null);
  const [copied, setCopied] = useState<string | null>(null);
  const flags = useAppStore((s) => s.rehearsal?.flags);
  if (!session || step.commands.length === 0) return null;
  const sessionId = session.sessionId;

  const run = async (commandId: string, mode: 'paste' | 'run'): Promise<void> => {
    if (!terminalId) return;
    try {
      await api.invoke('step:run', { sessionId, stepId: step.id, commandId, terminalId, mode, confirmed: false });
      terminals.focus(terminalId);
    } catch (err) {
      // The confirmation (ConfirmRun) and the wrong target (TargetRefusal) are dialogs that take the focus.
      onRunRefused(err, { stepId: step.id, commandId, mode, confirmed: false, terminalId });
    }
  };
  const copy = async (commandId: string): Promise<void> => {
    try {
      const r = await api.invoke('step:render', { sessionId, stepId: step.id, commandId });
      await navigator.clipboard.writeText(r.text);
      setCopied(commandId);
      setTimeout(() => setCopied(null), 1500);
    } catch (err) {
      useAppStore.getState().pushError(toErrorPayload(err));
    }
  };

  return (
    <div className="step-commands">
      <h3 className="pane-title">{t('step.commands')}</h3>
      {step.commands.map((c) => {
        const last = runs?.[c.id];
        return (
          <div key={c.id} className="command" data-command-id={c.id}>
            <CommandText text={c.text} />
            {flags?.[c.id] && (
              <ul className="bypass" data-testid="bypass-flag">
                {flags[c.id]!.map((f, i) => (
                  <li key={i}>⚠ {t(`rehearsal.bypass.${f.kind}`, { what: f.what })}</li>
                ))}
              </ul>
            )}
            {(c.expectedOutput ?? step.expected.find((e) => !e.block)?.text) && (
              <div className="expected">
                <span className="muted">{t('cmd.expected')}</span> <code>{c.expectedOutput ?? step.expected.find((e) => !e.block)?.text}</code>
              </div>
            )}
            <div className="command-actions">
              <button type="button" className="btn btn-small" onClick={() => void copy(c.id)}>
                {copied === c.id ? t('cmd.copied') : t('cmd.copy')}
              </button>
              <button type="button" className="btn btn-small" disabled={!terminalId} onClick={() => void run(c.id, 'paste')}>
                {t('cmd.paste')}
              </button>
              <button type="button" className="btn btn-small btn-primary" disabled={!terminalId} onClick={() => void run(c.id, 'run')}>
                {t('cmd.run')}
              </button>
              {last && (
                <span className={`run-result result-${last.comparison.result}`} data-testid="run-result">
                  <b>{t('cmd.exit', { code: last.exitCode ?? '?' })}</b> · {t(`cmd.${last.comparison.result}`)}
                  <span className="muted"> ({last.comparison.detail})</span>
                </span>
              )}
            </div>
            {last && last.output && (
              <details className="run-output" open={last.comparison.result !== 'match'}>
                <summary>{t('cmd.output')}</summary>
                <pre data-testid="run-output">{last.output}</pre>
              </details>
            )}
          </div>
        );
      })}
    </div>
  );
}
