// The runbook's variables: every placeholder with where it occurs, filled once for the session,
// secret ones masked. A value is journaled (variables-set) as typed: when its field is left or Enter is
// pressed, with no separate save; it is used when a step's command is rendered.
import { useState } from 'react';
import { contactsTable } from '../../../../shared/contacts';
import type { Variable } from '../../../../shared/model';
import type { Lifecycle } from '../../../../shared/session/state';
import { operatorVariables, requiredVariables } from '../../../../shared/variables';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function VariablesPanel() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const [draft, setDraft] = useState<Record<string, string>>({});
  // Open before the release starts, where they are filled once; folded away while steps are walked.
  const early = session?.state.lifecycle === 'prepared' || session?.state.lifecycle === 'preflight';
  const [open, setOpen] = useState<boolean | null>(null);
  if (!session || session.readOnly) return null;
  const vars = operatorVariables(session.doc.model.variables);
  const required = new Set(requiredVariables(session.doc.model).map((v) => v.name));
  if (vars.length === 0) return null;
  const values = session.state.variables;
  const shown = open ?? early;
  const keep = (name: string): void => {
    const v = draft[name];
    if (v === undefined || v === (values[name] ?? '')) return;
    void sendCommand(api, { type: 'variables-set', values: { [name]: v } }).then((ok) => {
      if (ok) setDraft((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== name)));
    });
  };
  const ctx: VarsCtx = { vars, values, draft, setDraft, keep, required, lifecycle: session.state.lifecycle };
  const table = contactsTable(vars);
  const filled = vars.filter((v) => (draft[v.name] ?? values[v.name] ?? '').trim() || v.default).length;
  return (
    <section className="variables">
      <button type="button" className="pane-title vars-toggle" aria-expanded={shown} onClick={() => setOpen(!shown)}>
        {shown ? '▾' : '▸'} {t('vars.title')} ({filled}/{vars.length})
      </button>
      {shown && (
        <form className="vars-grid" onSubmit={(e) => e.preventDefault()}>
          {table.rest.map((v) => (
            <VarRow key={v.name} v={v} ctx={ctx} />
          ))}
          {table.rows.length > 0 && <ContactInputs table={table} ctx={ctx} />}
        </form>
      )}
    </section>
  );
}

/** What every input of the panel shares: the values recorded, the drafts typed, how a value is kept. */
interface VarsCtx {
  vars: Variable[];
  values: Record<string, string>;
  draft: Record<string, string>;
  setDraft: (draft: Record<string, string>) => void;
  keep: (name: string) => void;
  required: Set<string>;
  lifecycle: Lifecycle;
}

/** One variable's input; a value is kept when the field is left or Enter is pressed. */
function VarInput({ v, label, ctx }: { v: Variable; label?: string; ctx: VarsCtx }) {
  const { vars, values, draft, setDraft, keep, required } = ctx;
  // In preflight the first required variable still empty is where the focus goes next.
  const missing = ctx.lifecycle === 'preflight' && required.has(v.name) && !(values[v.name] ?? '').trim();
  return (
    <input
      type={v.secret ? 'password' : 'text'}
      autoComplete="off"
      value={draft[v.name] ?? values[v.name] ?? ''}
      placeholder={v.default ?? (label ? v.occurrences[0]?.text : '') ?? ''}
      onChange={(e) => setDraft({ ...draft, [v.name]: e.target.value })}
      onBlur={() => keep(v.name)}
      onKeyDown={(e) => e.key === 'Enter' && keep(v.name)}
      data-region-entry={missing ? '' : undefined}
      aria-label={label}
      aria-describedby={label ? undefined : `var-${vars.indexOf(v)}`}
      aria-required={required.has(v.name)}
      aria-invalid={required.has(v.name) && !(draft[v.name] ?? values[v.name] ?? '').trim()}
    />
  );
}

function VarRow({ v, ctx }: { v: Variable; ctx: VarsCtx }) {
  const t = useT();
  return (
    <label className="var">
      <span className="var-name">
        {v.name}
        {v.source === 'env' && <span className="muted"> ($)</span>}
        {ctx.required.has(v.name) && (
          <span className="required" title={t('vars.required')}>
            {' '}
            *<span className="sr-only">{t('vars.required')}</span>
          </span>
        )}
      </span>
      <VarInput v={v} ctx={ctx} />
      <span className="muted var-where" id={`var-${ctx.vars.indexOf(v)}`}>
        {v.description ?? ''}{' '}
        {t('vars.where', {
          n: v.occurrences.length,
          lines: v.occurrences
            .slice(0, 4)
            .map((o) => o.line)
            .join(', '),
        })}
      </span>
    </label>
  );
}

/** Contact variables (a role by a word: name, phone…) as a table of inputs. */
function ContactInputs({ table, ctx }: { table: ReturnType<typeof contactsTable>; ctx: VarsCtx }) {
  const t = useT();
  return (
    <table className="contacts-table" data-testid="contacts-table">
      <caption>{t('vars.contacts')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('vars.role')}</th>
          {table.words.map((w) => (
            <th key={w} scope="col">
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr key={r.role}>
            <th scope="row">{r.role}</th>
            {table.words.map((w) => {
              const cell = r.cells.find((c) => c.word === w);
              return <td key={w}>{cell && <VarInput v={cell.variable} label={`${r.role} ${w}`} ctx={ctx} />}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
