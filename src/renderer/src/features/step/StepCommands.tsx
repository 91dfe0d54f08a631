// A step's commands with Copy / Paste / Run, and what the last run showed: exit code, the verdict
// against the expected value, the captured output. The renderer names the command; core renders it.
import { useState } from 'react';
import type { Command, Step } from '../../../../shared/model';
import { toErrorPayload } from '../../../../shared/errors';
import { useApi } from '../../api/ApiContext';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { terminals } from '../terminal/terminals';
import { CommandText } from './CommandText';
import { onRunRefused } from './runRefusal';
import { InferredMark, RoleSelect, setByOperator, type Guess } from '../runbook/BlockRole';

export function StepCommands({ step }: { step: Step }) {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const terminalId = useAppStore((s) => s.terminals.find((x) => x.key === s.activeTerminal)?.id ?? null);
  const [copied, setCopied] = useState<string | null>(null);
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
      {step.commands.map((c) => (
        <CommandCard
          key={c.id}
          step={step}
          command={c}
          copied={copied === c.id}
          canRun={terminalId !== null}
          copy={() => void copy(c.id)}
          run={(mode) => void run(c.id, mode)}
        />
      ))}
    </div>
  );
}

const guessOf = (c: Command): Guess | null => (c.confidence === 'inferred' ? (c.inline ? 'inline' : 'command') : null);

/** The mark and the role control under a command or its expected output. */
function BlockLine({ step, blockId, guess }: { step: Step; blockId: string | null; guess: Guess | null }) {
  const roles = useAppStore((s) => s.session?.state.roles ?? {});
  const block = step.blocks.find((b) => b.id === blockId);
  const corrected = setByOperator({ roles }, block);
  if (!block && !guess) return null;
  return (
    <div className="block-line">
      {(guess || corrected) && <InferredMark guess={guess ?? 'command'} corrected={corrected} />}
      {block && <RoleSelect block={block} />}
    </div>
  );
}

function OutputLine({ step, text }: { step: Step; text: string }) {
  const id = step.expected.find((e) => e.block && e.blockId && e.text === text)?.blockId ?? null;
  const block = step.blocks.find((b) => b.id === id);
  if (!block) return null;
  return <BlockLine step={step} blockId={block.id} guess={block.confidence === 'inferred' ? 'output' : null} />;
}

/** Blocks of the step the card shows nowhere else (files, SQL, messages, what was read as other):
 *  their role can be set too. */
export function StepBlocks({ step }: { step: Step }) {
  const t = useT();
  const session = useAppStore((s) => s.session);
  if (!session) return null;
  const ids = [...step.commands.map((c) => c.blockId), ...step.expected.map((e) => e.blockId)];
  const shown = new Set(ids.filter((x): x is string => !!x));
  const rest = step.blocks.filter((b) => !shown.has(b.id));
  if (rest.length === 0) return null;
  return (
    <div className="step-blocks" data-testid="step-blocks">
      <h3 className="pane-title">{t('block.others')}</h3>
      {rest.map((b) => (
        <div key={b.id} className="block-line">
          <span className="muted">
            {t('block.lines', { from: b.line, to: b.endLine })}
            {b.lang ? ` · ${b.lang}` : ''}
          </span>
          {setByOperator(session.state, b) && <InferredMark guess="command" corrected />}
          <RoleSelect block={b} />
        </div>
      ))}
    </div>
  );
}

interface CardProps {
  step: Step;
  command: Command;
  copied: boolean;
  canRun: boolean;
  copy: () => void;
  run: (mode: 'paste' | 'run') => void;
}

/** One command: its text and role, rehearsal flags, what is expected, the buttons and the last run. */
function CommandCard({ step, command: c, copied, canRun, copy, run }: CardProps) {
  const t = useT();
  const last = useAppStore((s) => s.session?.state.commandRuns[c.id]);
  const flags = useAppStore((s) => s.rehearsal?.flags?.[c.id]);
  const expected = c.expectedOutput ?? step.expected.find((e) => !e.block)?.text;
  return (
    <div className="command" data-command-id={c.id}>
      <CommandText text={c.text} />
      <BlockLine step={step} blockId={c.blockId} guess={guessOf(c)} />
      {flags && (
        <ul className="bypass" data-testid="bypass-flag">
          {flags.map((f, i) => (
            <li key={i}>⚠ {t(`rehearsal.bypass.${f.kind}`, { what: f.what })}</li>
          ))}
        </ul>
      )}
      {expected && (
        <div className="expected">
          <span className="muted">{t('cmd.expected')}</span> <code>{expected}</code>
        </div>
      )}
      {c.expectedOutput !== null && <OutputLine step={step} text={c.expectedOutput} />}
      <div className="command-actions">
        <button type="button" className="btn btn-small" onClick={copy}>
          {copied ? t('cmd.copied') : t('cmd.copy')}
        </button>
        <button type="button" className="btn btn-small" disabled={!canRun} onClick={() => run('paste')}>
          {t('cmd.paste')}
        </button>
        <button type="button" className="btn btn-small btn-primary" disabled={!canRun} onClick={() => run('run')}>
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
}
