// After joining: the session live (step, clocks' facts, what waits for a check), the terminal read-only,
// and for a checker or approver: Confirm / Hold on what the operator is about to run, signed here.
import { useEffect, useRef, useState } from 'react';
import { allSteps } from '../../../../shared/model';
import type { Decision, RemoteRole } from '../../../../shared/review';
import { useApi } from '../../api/ApiContext';
import { CREDENTIAL_KEY } from '../../api/transports';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { loadKey, signDecision } from './personKey';
import { MirrorTerminal } from './MirrorTerminal';
import { Clocks, Decisions, Navigator } from './JoinerParts';

export function JoinedView() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const [me, setMe] = useState<{ name: string; role: RemoteRole; fingerprint: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    const off = api.on('session:state', ({ sessionId, state, lost }) =>
      useAppStore.getState().setSessionState(sessionId, state, lost),
    );
    api.invoke('review:view', {}).then(
      ({ view, me }) => {
        useAppStore.getState().setSession(view);
        setMe(me as typeof me & { role: RemoteRole });
      },
      (e: Error) => setError(e.message),
    );
    return off;
  }, [api]);

  const decide = useDecide(me, setError, setDone);

  if (!session || !me) return <main className="joiner">{error && <p role="alert">{error}</p>}</main>;
  const { state, doc } = session;
  const title = (id: string) => allSteps(doc.model).find((s) => s.id === id)?.title ?? id;
  const requests = Object.entries(state.review.requests);
  const canDecide = me.role !== 'watcher';
  return (
    <main className="joiner joiner-live">
      <header>
        <h1>{state.title}</h1>
        <p>
          {t(`review.role.${me.role}`)} · {me.name} · {t('joiner.key', { fp: me.fingerprint })}
        </p>
      </header>
      {error && <p role="alert">{error}</p>}
      <Navigator />
      <div>
        <section aria-label={t('joiner.step')}>
          <Clocks />
          <h2>{t('joiner.step')}</h2>
          <p data-testid="joiner-step">{state.activeStepId ? title(state.activeStepId) : t('joiner.none')}</p>
          {state.attention && <p role="alert">{state.attention.detail}</p>}
        </section>
        <section aria-label={t('joiner.request')}>
          {requests.length === 0 && <p>{done ? t('joiner.decided') : t('joiner.nothing')}</p>}
          {requests.map(([commandId, r]) => (
            <Request
              key={commandId + r.textHash}
              title={title(r.stepId)}
              shown={r.shown}
              canDecide={canDecide}
              onDecide={(d, reason) => void decide(commandId, r.stepId, r.textHash, d, reason)}
            />
          ))}
          {me.role === 'approver' && state.lifecycle === 'completed' && (
            <button className="btn btn-primary" onClick={() => void decide('-', '-', '0'.repeat(64), 'sign-off')}>
              {t('joiner.signOff')}
            </button>
          )}
        </section>
        <Decisions />
      </div>
      <MirrorTerminal label={t('joiner.terminal')} />
    </main>
  );
}

function Request(p: {
  title: string;
  shown: string;
  canDecide: boolean;
  onDecide: (d: Decision, reason?: string) => void;
}) {
  const t = useT();
  const [holding, setHolding] = useState(false);
  const command = useRef<HTMLPreElement>(null);
  useEffect(() => command.current?.focus(), []);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (!p.canDecide) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyC') {
        e.preventDefault();
        p.onDecide('confirm');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [p]);
  return (
    <article className="joiner-request" data-testid="joiner-request">
      <h2>{t('joiner.request')}</h2>
      <h3>{p.title}</h3>
      {/* Focus lands on the command itself, to be read first: Enter never confirms by accident. */}
      <pre data-testid="joiner-command" tabIndex={0} ref={command}>
        {p.shown}
      </pre>
      {p.canDecide && (
        <div className="actions">
          <button className="btn btn-primary btn-large" onClick={() => p.onDecide('confirm')}>
            {t('joiner.confirm')}
          </button>
          <button className="btn btn-large" onClick={() => setHolding(true)}>
            {t('joiner.hold')}
          </button>
        </div>
      )}
      {holding && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) p.onDecide('hold', reason.trim());
          }}
        >
          <label>
            {t('joiner.holdReason')}
            <textarea autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="btn btn-danger">
            {t('joiner.holdSend')}
          </button>
        </form>
      )}
    </article>
  );
}

/** Sign a decision with this browser's key (kept since joining) and send it; core checks it before the journal. */
function useDecide(
  me: { name: string; role: RemoteRole } | null,
  setError: (e: string | null) => void,
  setDone: (d: boolean) => void,
) {
  const api = useApi();
  const session = useAppStore((s) => s.session);
  return async (commandId: string, stepId: string, textHash: string, decision: Decision, reason = '') => {
    if (!me || !session) return;
    setError(null);
    try {
      const key = await loadKey(sessionStorage.getItem(CREDENTIAL_KEY) ?? '');
      if (!key) throw new Error('Your key is not in this browser any more: ask the operator for a new invite.');
      const signed = {
        sessionId: session.sessionId,
        stepId,
        commandId,
        textHash,
        decision,
        reason,
        by: me.name,
        role: me.role,
        time: new Date().toISOString(),
      };
      await api.invoke('review:decide', { signed, signature: await signDecision(key, signed) });
      setDone(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
}
