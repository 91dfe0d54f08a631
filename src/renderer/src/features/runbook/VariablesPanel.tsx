// The runbook's variables: every placeholder with where it occurs, filled once for the session,
// secret ones masked. A value is journaled (variables-set) as typed: when its field is left or Enter is
// pressed, with no separate save; it is used when a step's command is rendered.
import { useState } from 'react';
import { contactsTable } from '../../../../shared/contacts';
import type { Variable } from '../../../../shared/model';
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
  const table = contactsTable(vars);
  const input = (v: Variable, label?: string) => (
    <input
      type={v.secret ? 'password' : 'text'}
      autoComplete="off"
      value={draft[v.name] ?? values[v.name] ?? ''}
      placeholder={v.default ?? (label ? v.occurrences[0]?.text : '') ?? ''}
      onChange={(e) => setDraft({ ...draft, [v.name]: e.target.value })}
      onBlur={() => keep(v.name)}
      onKeyDown={(e) => e.key === 'Enter' && keep(v.name)}
      data-region-entry={
        session.state.lifecycle === 'preflight' && required.has(v.name) && !(values[v.name] ?? '').trim()
          ? ''
          : undefined
      }
      aria-label={label}
      aria-describedby={label ? undefined : `var-${vars.indexOf(v)}`}
      aria-required={required.has(v.name)}
      aria-invalid={required.has(v.name) && !(draft[v.name] ?? values[v.name] ?? '').trim()}
    />
  );
  const filled = vars.filter((v) => (draft[v.name] ?? values[v.name] ?? '').trim() || v.default).length;
  return (
    <section className="variables">
      <button type="button" className="pane-title vars-toggle" aria-expanded={shown} onClick={() => setOpen(!shown)}>
        {shown ? '▾' : '▸'} {t('vars.title')} ({filled}/{vars.length})
      </button>
      {shown && (
        <form className="vars-grid" onSubmit={(e) => e.preventDefault()}>
          {table.rest.map((v) => (
            <label key={v.name} className="var">
              <span className="var-name">
                {v.name}
                {v.source === 'env' && <span className="muted"> ($)</span>}
                {required.has(v.name) && (
                  <span className="required" title={t('vars.required')}>
                    {' '}
                    *<span className="sr-only">{t('vars.required')}</span>
                  </span>
                )}
              </span>
              {input(v)}
              <span className="muted var-where" id={`var-${vars.indexOf(v)}`}>
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
          ))}
          {table.rows.length > 0 && (
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
                      return <td key={w}>{cell && input(cell.variable, `${r.role} ${w}`)}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </form>
      )}
    </section>
  );
}
