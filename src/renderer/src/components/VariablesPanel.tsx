// The runbook's variables: every placeholder with where it occurs, filled once for the session,
// secret ones masked. Values are journaled (variables-set) and used when a step's command is rendered.
import { useState } from 'react';
import { operatorVariables, requiredVariables } from '../../../shared/variables';
import { useApi } from '../api/ApiContext';
import { sendCommand } from '../actions';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store';


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
  const changed = Object.entries(draft).filter(([k, v]) => v !== (values[k] ?? ''));
  return (
    <section className="variables">
      <button type="button" className="pane-title vars-toggle" aria-expanded={shown} onClick={() => setOpen(!shown)}>
        {shown ? '▾' : '▸'} {t('vars.title')} ({vars.filter((v) => values[v.name] || v.default).length}/{vars.length})
      </button>
      {shown && <form
        className="vars-grid"
        onSubmit={(e) => {
          e.preventDefault();
          if (changed.length) void sendCommand(api, { type: 'variables-set', values: Object.fromEntries(changed) }).then((ok) => ok && setDraft({}));
        }}
      >
        {vars.map((v) => (
          <label key={v.name} className="var">
            <span className="var-name">
              {v.name}
              {v.source === 'env' && <span className="muted"> ($)</span>}
              {required.has(v.name) && (
                <span className="required" title={t('vars.required')}>
                  {' '}*<span className="sr-only">{t('vars.required')}</span>
                </span>
              )}
            </span>
            <input
              type={v.secret ? 'password' : 'text'}
              autoComplete="off"
              value={draft[v.name] ?? values[v.name] ?? ''}
              placeholder={v.default ?? ''}
              onChange={(e) => setDraft({ ...draft, [v.name]: e.target.value })}
              aria-describedby={`var-${v.name}`}
              aria-required={required.has(v.name)}
              aria-invalid={required.has(v.name) && !(draft[v.name] ?? values[v.name] ?? '').trim()}
            />
            <span className="muted var-where" id={`var-${v.name}`}>
              {v.description ?? ''} {t('vars.where', { n: v.occurrences.length, lines: v.occurrences.slice(0, 4).map((o) => o.line).join(', ') })}
            </span>
          </label>
        ))}
        <button type="submit" className="btn btn-primary" disabled={changed.length === 0}>
          {t('vars.save')}
        </button>
      </form>}
    </section>
  );
}
