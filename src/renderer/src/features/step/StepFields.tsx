// The blanks of a step (実際の値, バックアップファイル名, 実測値 cells…): typed values are saved to the journal
// as they are typed; the last command's output or the terminal selection goes in with one click.
import type { Field, Step } from '../../../../shared/model';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { terminals } from '../terminal/terminals';
import { useFieldDraft } from './fieldDraft';

export function FieldInput({
  field,
  lastOutput,
  compact = false,
}: {
  field: Field;
  lastOutput: string | null;
  compact?: boolean;
}) {
  const t = useT();
  const terminalId = useAppStore((s) => s.terminals.find((x) => x.key === s.activeTerminal)?.id ?? null);
  const { draft, save } = useFieldDraft(field.id);

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
