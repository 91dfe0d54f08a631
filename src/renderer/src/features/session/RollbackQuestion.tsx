// The rollback question: opened by a failed check, a step timeout, the deadline coming near, or the
// Incident button. It puts the runbook's own criteria and the seeds' decision flow next to the facts
// that raised it; continue, hotfix or roll back, each with a reason and the decider's name, journaled.
import { useEffect, useRef, useState } from 'react';
import { useDialogFocus } from '../../shell/focus/trap';
import { decisionRules } from '../../../../shared/session/rules';
import { useApi } from '../../api/ApiContext';
import { sendCommand } from '../../actions';
import { useT } from '../../i18n/useT';
import { alertText, attentionText } from './attention';
import { Contacts } from '../runbook/Contacts';
import { NoReturnLine } from './NoReturn';
import { useAppStore } from '../../store';
import type { SessionView } from '../../../../shared/contract';

const RAISES = new Set(['step-timeout', 'deadline-10', 'deadline', 'no-return-5', 'no-return', 'hotfix-expired']);

export function RollbackQuestion() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const question = useAppStore((s) => s.question);
  const ask = useAppStore((s) => s.ask);
  const operator = useAppStore((s) => s.settings.operatorName);
  const [reason, setReason] = useState('');
  // The decider defaults to the operator; whoever decides can type their own name.
  const [byDraft, setBy] = useState<string | null>(null);

  useQuestionRaisers();

  const ref = useRef<HTMLDivElement>(null);
  const lifecycle = session?.state.lifecycle;
  const shown = !!session && !!question && !session.readOnly && (lifecycle === 'running' || lifecycle === 'monitoring');
  useDialogFocus(ref, shown);
  if (!shown) return null;
  const { state } = session;
  const by = byDraft ?? (operator || state.operator);
  // The escalation clock runs from the trouble: the failed check, or when the question opened.
  const since = state.attention && state.speed === 1 ? state.attention.at : question.at;
  const decide = (choice: Choice) =>
    void sendCommand(api, {
      type: 'decision',
      choice,
      reason: reason.trim(),
      by: by.trim(),
      trigger: question.trigger,
    }).then((ok) => {
      if (!ok) return;
      setReason('');
      ask(null);
    });
  const ready = reason.trim().length > 0 && by.trim().length > 0;
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="rq-title"
        data-testid="rollback-question"
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), ask(null))}
      >
        <h2 id="rq-title">{t('question.title')}</h2>
        <QuestionContext session={session} since={since} />
        <label className="field">
          <span className="field-label">{t('session.reason')}</span>
          <input data-autofocus value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        </label>
        <label className="field">
          <span className="field-label">{t('session.decider')}</span>
          <input value={by} onChange={(e) => setBy(e.target.value)} maxLength={200} />
        </label>
        <DecisionButtons
          ready={ready}
          hotfixOpen={state.hotfix !== null && state.hotfix.fixed === null}
          decide={decide}
          later={() => ask(null)}
        />
      </div>
    </div>
  );
}

/** A failed check, or a timer that calls for a decision, opens the question by itself (once each). */
function useQuestionRaisers(): void {
  const ask = useAppStore((s) => s.ask);
  const attentionAt = useAppStore((s) => s.session?.state.attention?.at ?? null);
  const lastAlert = useAppStore((s) => s.session?.state.alerts[s.session.state.alerts.length - 1]);
  useEffect(() => {
    if (attentionAt !== null) ask(`check:${attentionAt}`);
  }, [attentionAt, ask]);
  useEffect(() => {
    if (lastAlert && RAISES.has(lastAlert.kind)) ask(`timer:${lastAlert.key}`);
  }, [lastAlert, ask]);
}

/** What raised the question, the runbook's criteria and whom to call: the facts next to the choice. */
function QuestionContext({ session, since }: { session: SessionView; since: number }) {
  const t = useT();
  const { state, doc } = session;
  const rules = decisionRules(doc.model);
  const facts: string[] = [];
  if (state.attention) facts.push(attentionText(doc.model, state.attention, t));
  for (const a of state.alerts.filter((x) => RAISES.has(x.kind)).slice(-3)) facts.push(alertText(doc.model, a, t));
  if (facts.length === 0) facts.push(t('question.incident'));
  return (
    <>
      <section>
        <h3>{t('question.facts')}</h3>
        <ul className="facts">
          {facts.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      </section>
      <NoReturnLine />
      <section>
        <h3>{t('question.criteria')}</h3>
        <ul className="criteria">
          {rules.map((r) => (
            <li key={r.id} className={`rule rule-${r.action}`}>
              <span className="rule-when">{r.when}</span> → <b>{t(`rule.${r.action}`, { n: r.minutes ?? 0 })}</b>
              {r.source === 'runbook' && <span className="muted"> ({t('question.fromRunbook')})</span>}
            </li>
          ))}
        </ul>
      </section>
      {(doc.model.contacts.length > 0 || doc.model.escalation.length > 0) && (
        <section>
          <h3>{t('question.call')}</h3>
          <Contacts model={doc.model} since={since} values={state.variables} />
        </section>
      )}
    </>
  );
}

type Choice = 'continue' | 'hotfix' | 'rollback';

/** Each choice needs a reason and a name; a second hotfix waits until the first one is settled. */
function DecisionButtons(props: {
  ready: boolean;
  hotfixOpen: boolean;
  decide: (c: Choice) => void;
  later: () => void;
}) {
  const { ready, hotfixOpen, decide, later } = props;
  const t = useT();
  return (
    <div className="modal-actions">
      <button type="button" className="btn btn-danger btn-large" disabled={!ready} onClick={() => decide('rollback')}>
        {t('question.rollback')}
      </button>
      <button type="button" className="btn btn-large" disabled={!ready || hotfixOpen} onClick={() => decide('hotfix')}>
        {t('question.hotfix')}
      </button>
      <button type="button" className="btn btn-large" disabled={!ready} onClick={() => decide('continue')}>
        {t('question.continue')}
      </button>
      <button type="button" className="btn" onClick={later}>
        {t('question.later')}
      </button>
    </div>
  );
}
