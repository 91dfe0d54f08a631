// The blanks of a step (実際の値, バックアップファイル名, 実測値 cells…): typed values are saved to the journal
// as they are typed; the last command's output or the terminal selection goes in with one click.
import { useEffect, useRef, useState } from 'react';
import type { Field, Step } from '../../../../shared/model';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { terminals } from '../terminal/terminals';

const SAVE_AFTER_MS = 400;

/** Keystrokes are kept in the page's storage until the journal has them: a reload or a crash of the
 *  window loses nothing that was typed. */
const draftKey = (sessionId: string, fieldId: string) => `tejun:draft:${sessionId}:${fieldId}`;
function readDraft(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeDraft(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage may be unavailable (private mode); the journal still gets the value within moments.
  }
}

export function FieldInput({
  field,
  lastOutput,
  compact = false,
}: {
  field: Field;
  lastOutput: string | null;
  compact?: boolean;
}) {
  const api = useApi();
  const t = useT();
  const saved = useAppStore((s) => s.session?.state.fields[field.id]?.value ?? '');
  const sessionId = useAppStore((s) => s.session?.sessionId ?? '');
  const terminalId = useAppStore((s) => s.terminals.find((x) => x.key === s.activeTerminal)?.id ?? null);
  const key = draftKey(sessionId, field.id);
  const [draft, setDraft] = useState(() => readDraft(key) ?? saved);
  const [seen, setSeen] = useState(saved);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A value recorded elsewhere (another window, a reload) replaces the draft when it arrives.
  if (saved !== seen) {
    setSeen(saved);
    if (readDraft(key) === null) setDraft(saved);
  }
  const save = (value: string, now = false): void => {
    setDraft(value);
    writeDraft(key, value);
    if (timer.current) clearTimeout(timer.current);
    const send = () => {
      if (value === (useAppStore.getState().session?.state.fields[field.id]?.value ?? '')) return writeDraft(key, null);
      void sendCommand(api, { type: 'field-set', fieldId: field.id, value }).then(
        (ok) => ok && readDraft(key) === value && writeDraft(key, null),
      );
    };
    if (now) send();
    else timer.current = setTimeout(send, SAVE_AFTER_MS);
  };
  // A draft restored after a reload is sent on its own: the operator need not touch the field again.
  useEffect(() => {
    const restored = readDraft(key);
    if (restored === null || !sessionId) return;
    if (restored === (useAppStore.getState().session?.state.fields[field.id]?.value ?? ''))
      return writeDraft(key, null);
    void sendCommand(api, { type: 'field-set', fieldId: field.id, value: restored }).then(
      (ok) => ok && readDraft(key) === restored && writeDraft(key, null),
    );
    // Once, when the field appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (compact) {
    return (
      <span className="field field-compact">
        <input
          value={draft}
          aria-label={field.label}
          onChange={(e) => save(e.target.value)}
          onBlur={() => save(draft, true)}
          maxLength={20_000}
          data-field-id={field.id}
        />
        {field.suffix && <span className="muted">{field.suffix}</span>}
      </span>
    );
  }
  return (
    <label className="field">
      <span className="field-label">{field.label}</span>
      <input
        value={draft}
        onChange={(e) => save(e.target.value)}
        onBlur={() => save(draft, true)}
        maxLength={20_000}
        data-field-id={field.id}
      />
      {field.suffix && <span className="muted">{field.suffix}</span>}
      {lastOutput !== null && (
        <button type="button" className="btn btn-small" onClick={() => save(lastOutput.trim().slice(0, 20_000), true)}>
          {t('field.useOutput')}
        </button>
      )}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          const sel = terminals.selection(terminalId).trim();
          if (sel) save(sel, true);
        }}
      >
        {t('field.useSelection')}
      </button>
    </label>
  );
}

export function StepFields({ step }: { step: Step }) {
  const t = useT();
  const runs = useAppStore((s) => s.session?.state.commandRuns);
  // Table cells are filled in their table (StepTables); the rest here.
  const loose = step.fields.filter((f) => f.kind !== 'cell');
  if (loose.length === 0) return null;
  const lastRun = step.commands
    .map((c) => runs?.[c.id])
    .filter((r) => r !== undefined)
    .sort((a, b) => b!.endedAt - a!.endedAt)[0];
  return (
    <div className="step-fields">
      <h3 className="pane-title">{t('step.fields')}</h3>
      {loose.map((f) => (
        <FieldInput key={f.id} field={f} lastOutput={lastRun ? lastRun.output : null} />
      ))}
    </div>
  );
}
