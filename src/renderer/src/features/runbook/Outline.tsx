// The navigator: what tejun understood of the runbook — phases with budgets, steps with their kind,
// the rollback and troubleshooting always visible. A document with no steps shows its headings.
import type { Phase, Rollback, Step, Troubleshooting } from '../../../../shared/model';
import type { RunbookDoc } from '../../../../shared/runbook';
import { isStepFinished } from '../../../../shared/session/state';
import { useAppStore } from '../../store';
import { Contacts } from './Contacts';
import { useT } from '../../i18n/useT';

const STATE_ICON: Record<string, string> = { pending: '○', active: '▶', done: '✓', skipped: '⤼', failed: '✗' };

function StepButton({ step }: { step: Step }) {
  const t = useT();
  const selected = useAppStore((s) => s.selected?.id === step.id);
  const st = useAppStore((s) => (s.session ? (s.session.state.steps[step.id]?.state ?? 'pending') : null));
  // Over its estimate: the overrun timer fired for this step.
  const over = useAppStore((s) =>
    Object.keys(s.session?.state.fired ?? {}).some((k) => k.startsWith(`step-overrun:${step.id}:`)),
  );
  const select = useAppStore((s) => s.select);
  const title = step.title.replace(/^【変化前】|^【変化後】|^【変化】|^\[(before|after|change)\]\s*/i, '');
  return (
    <li>
      <button
        type="button"
        className={`nav-step${selected ? ' selected' : ''}${st ? ` nav-${st}` : ''}${over ? ' nav-overrun' : ''}`}
        aria-current={st === 'active' ? 'step' : undefined}
        data-step-id={step.id}
        data-state={st ?? undefined}
        onClick={() => select({ id: step.id, line: step.line })}
      >
        {st && (
          <span className={`state-icon state-${st}`} role="img" aria-label={t(`step.state.${st}`)}>
            {STATE_ICON[st]}
          </span>
        )}
        {step.kind !== 'plain' && <span className={`kind kind-${step.kind}`}>{t(`kind.${step.kind}`)}</span>}
        <span className="nav-step-title">{title}</span>
        {over && <span className="overrun-mark">{t('outline.overrun')}</span>}
      </button>
    </li>
  );
}

function PhaseBlock({ phase, label }: { phase: Phase; label?: string }) {
  const t = useT();
  const select = useAppStore((s) => s.select);
  const selected = useAppStore((s) => s.selected?.id === phase.id);
  const done = useAppStore((s) =>
    s.session ? phase.steps.filter((st) => isStepFinished(s.session!.state, st.id)).length : null,
  );
  return (
    <li className="nav-phase">
      <button
        type="button"
        className={selected ? 'nav-phase-title selected' : 'nav-phase-title'}
        onClick={() => select({ id: phase.id, line: phase.line })}
      >
        {/* The budget is shown once, on the right, so the title loses its "(30分)". */}
        <span>{label ?? phase.title.replace(/\s*[（(][^（）()]*[）)]\s*$/, '')}</span>
        <span className="nav-meta">
          {phase.budgetMinutes !== null && t('outline.minutes', { n: phase.budgetMinutes })} ·{' '}
          {done === null ? t('outline.steps', { n: phase.steps.length }) : `${done}/${phase.steps.length}`}
        </span>
      </button>
      <ol>
        {phase.steps.map((s) => (
          <StepButton key={s.id} step={s} />
        ))}
      </ol>
    </li>
  );
}

export function Outline() {
  const t = useT();
  const doc = useAppStore((s) => s.doc);
  const values = useAppStore((s) => s.session?.state.variables);
  const select = useAppStore((s) => s.select);
  if (!doc) return null;
  const m = doc.model;
  return (
    <nav className="outline" data-region="navigator" aria-label={t('outline.title')}>
      <h2 className="pane-title">{t('outline.title')}</h2>
      {m.kind === 'reference' ? (
        <>
          <p className="muted nav-note">{t('outline.reference')}</p>
          {doc.outline.length ? <Headings outline={doc.outline} /> : <p className="muted">{t('outline.empty')}</p>}
        </>
      ) : (
        <ol className="nav-phases">
          {m.prerequisites && (
            <li className="nav-phase">
              <button
                type="button"
                className="nav-phase-title"
                onClick={() => select({ id: m.prerequisites!.id, line: m.prerequisites!.line })}
              >
                <span>{t('outline.prerequisites')}</span>
              </button>
            </li>
          )}
          {m.phases.map((p) => (
            <PhaseBlock key={p.id} phase={p} />
          ))}
          {m.completion && <PhaseBlock phase={m.completion} label={t('outline.completion')} />}
          {m.rollback && <RollbackBlock rollback={m.rollback} />}
          {m.troubleshooting.length > 0 && <TroubleshootingBlock entries={m.troubleshooting} />}
          {(m.contacts.length > 0 || m.escalation.length > 0) && (
            <li className="nav-phase">
              <span className="nav-phase-title nav-static">{t('outline.contacts')}</span>
              <Contacts model={m} values={values} />
            </li>
          )}
        </ol>
      )}
    </nav>
  );
}

/** A reference document: its headings, to bring each into view. */
function Headings({ outline }: { outline: RunbookDoc['outline'] }) {
  const select = useAppStore((s) => s.select);
  const selectedId = useAppStore((s) => s.selected?.id);
  return (
    <ol>
      {outline.map((item) => (
        <li key={item.id} className={`lvl-${item.level}`}>
          <button
            type="button"
            className={item.id === selectedId ? 'outline-item selected' : 'outline-item'}
            onClick={() => select({ id: item.id, line: item.line })}
          >
            {item.text}
          </button>
        </li>
      ))}
    </ol>
  );
}

/** The rollback: its time limit and its own steps. */
function RollbackBlock({ rollback }: { rollback: Rollback }) {
  const t = useT();
  const select = useAppStore((s) => s.select);
  return (
    <li className="nav-phase nav-rollback">
      <button type="button" className="nav-phase-title" onClick={() => select({ id: 'rollback', line: rollback.line })}>
        <span>{t('outline.rollback')}</span>
        {rollback.timeLimitMinutes !== null && (
          <span className="nav-meta">{t('outline.rollbackLimit', { n: rollback.timeLimitMinutes })}</span>
        )}
      </button>
      <ol>
        {rollback.phases
          .flatMap((p) => p.steps)
          .map((s) => (
            <StepButton key={s.id} step={s} />
          ))}
      </ol>
    </li>
  );
}

function TroubleshootingBlock({ entries }: { entries: Troubleshooting[] }) {
  const t = useT();
  const select = useAppStore((s) => s.select);
  return (
    <li className="nav-phase">
      <span className="nav-phase-title nav-static">{t('outline.troubleshooting')}</span>
      <ol>
        {entries.map((e, i) => (
          <li key={i}>
            <button type="button" className="nav-step" onClick={() => select({ id: `trouble-${i}`, line: e.line })}>
              <span className="nav-step-title">{e.title}</span>
            </button>
          </li>
        ))}
      </ol>
    </li>
  );
}
