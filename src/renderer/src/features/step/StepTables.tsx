// The runbook's fill-in tables as tables: a metrics table shows the normal range beside the measured
// value and judges it; a monitoring schedule shows when each checkpoint is due and ticks it off.
import type { Field, FillTable, Step } from '../../../../shared/model';
import { isScheduleTable, judgeRange, metricsColumns, offsetMinutes } from '../../../../shared/session/monitoring';
import { sessionNow } from '../../../../shared/session/state';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { formatDuration, hhmm, useNow } from '../../hooks';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { FieldInput } from './StepFields';

/** A cell that is ticked rather than typed (完了 / 判定 written as `[ ]`). */
const isTick = (cell: string) => /^\[\s?\]$/.test(cell.trim());

function TickCell({ field, label }: { field: Field; label: string }) {
  const api = useApi();
  const t = useT();
  const value = useAppStore((s) => s.session?.state.fields[field.id]?.value ?? '');
  const operator = useAppStore((s) => s.session?.state.operator ?? '');
  const set = (v: string) => void sendCommand(api, { type: 'field-set', fieldId: field.id, value: v });
  return value ? (
    <span className="tick-done">
      <span data-field-id={field.id}>{value}</span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => set('')}
        aria-label={`${t('table.untick')}: ${label}`}
      >
        {t('table.untick')}
      </button>
    </span>
  ) : (
    <button
      type="button"
      className="btn btn-small"
      data-field-id={field.id}
      onClick={() => set(`✓ ${hhmm(Date.now())}${operator ? ` ${operator}` : ''}`)}
      aria-label={`${t('table.tick')}: ${label}`}
    >
      {t('table.tick')}
    </button>
  );
}

function VerdictCell({ field, suggestion, label }: { field: Field; suggestion: 'ok' | 'out' | null; label: string }) {
  const api = useApi();
  const t = useT();
  const value = useAppStore((s) => s.session?.state.fields[field.id]?.value ?? '');
  const set = (v: string) =>
    void sendCommand(api, { type: 'field-set', fieldId: field.id, value: v === value ? '' : v });
  const ok = `✓ ${t('table.inRange')}`;
  const out = `✗ ${t('table.outOfRange')}`;
  return (
    <span className="verdict-cell" role="group" aria-label={label}>
      {suggestion && !value && (
        <span className={`suggest suggest-${suggestion}`} data-testid="range-suggestion">
          {suggestion === 'ok' ? '✓' : '✗'}
          <span className="sr-only">{suggestion === 'ok' ? t('table.inRange') : t('table.outOfRange')}</span>
        </span>
      )}
      <button
        type="button"
        className={`btn btn-small ${value === ok ? 'btn-primary' : ''}`}
        aria-pressed={value === ok}
        data-field-id={field.id}
        onClick={() => set(ok)}
      >
        {ok}
      </button>
      <button
        type="button"
        className={`btn btn-small ${value === out ? 'btn-danger' : ''}`}
        aria-pressed={value === out}
        onClick={() => set(out)}
      >
        {out}
      </button>
    </span>
  );
}

function Table({ table, fields }: { table: FillTable; fields: Map<string, Field> }) {
  const t = useT();
  const state = useAppStore((s) => s.session?.state);
  const wall = useNow(1000);
  const schedule = isScheduleTable(table);
  const metrics = metricsColumns(table);
  const now = state ? sessionNow(state, wall) : wall;
  const monitoringStart = state?.monitoringStartedAt ?? null;
  return (
    <table className="fill-table" data-testid={schedule ? 'schedule-table' : metrics ? 'metrics-table' : 'fill-table'}>
      <thead>
        <tr>
          {table.headers.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
          {schedule && <th>{t('table.due')}</th>}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => {
          const ids = table.fieldIds[r] ?? [];
          const measuredId = metrics ? ids[metrics.measured] : null;
          const measured = measuredId ? (state?.fields[measuredId]?.value ?? '') : '';
          const suggestion = metrics ? judgeRange(row[metrics.range] ?? '', measured) : null;
          const offset = schedule ? offsetMinutes(row[0] ?? '') : null;
          const due = offset !== null && monitoringStart !== null ? monitoringStart + offset * 60_000 : null;
          const doneId = ids.filter((x): x is string => x !== null).pop();
          const done = doneId ? Boolean(state?.fields[doneId]?.value.trim()) : false;
          return (
            <tr key={r} className={due !== null && !done && due <= now ? 'row-due' : undefined}>
              {row.map((cell, c) => {
                const f = fields.get(ids[c] ?? '');
                const label = `${row[0] ?? ''} / ${table.headers[c] ?? ''}`;
                if (!f) return <td key={c}>{cell}</td>;
                if (metrics && isTick(cell))
                  return (
                    <td key={c}>
                      <VerdictCell field={f} suggestion={suggestion} label={label} />
                    </td>
                  );
                if (isTick(cell))
                  return (
                    <td key={c}>
                      <TickCell field={f} label={label} />
                    </td>
                  );
                return (
                  <td key={c}>
                    <FieldInput field={f} lastOutput={null} compact />
                  </td>
                );
              })}
              {schedule && (
                <td className="due" data-testid="checkpoint-due">
                  {due === null ? (
                    <span className="muted">{t('table.afterMonitoring')}</span>
                  ) : done ? (
                    <span className="muted">{hhmm(due)}</span>
                  ) : due <= now ? (
                    <b className="clock-red">{t('table.dueNow', { at: hhmm(due) })}</b>
                  ) : (
                    <span>
                      {hhmm(due)} ({t('table.in', { d: formatDuration(due - now) })})
                    </span>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function StepTables({ step }: { step: Step }) {
  if (step.tables.length === 0) return null;
  const fields = new Map(step.fields.map((f) => [f.id, f]));
  return (
    <div className="step-tables">
      {step.tables.map((tb) => (
        <Table key={tb.line} table={tb} fields={fields} />
      ))}
    </div>
  );
}
