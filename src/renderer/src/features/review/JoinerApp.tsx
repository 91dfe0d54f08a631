// The joiner's page (served by the invite listener): read the certificate's code aloud, join with a key
// made in this browser, then watch the session live and, as checker or approver, confirm or hold.
import { useEffect, useState } from 'react';
import type { InviteHello } from '../../../../shared/contract';
import { useApi } from '../../api/ApiContext';
import { CREDENTIAL_KEY } from '../../api/transports';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { makeKey, keepKey } from './personKey';
import { JoinedView } from './JoinedView';
import './review.css';

type Phase = { kind: 'hello'; hello: InviteHello } | { kind: 'joined' } | { kind: 'stopped' } | { kind: 'refused' };

/** Where the joiner stands: joined already, greeted with the invite's code, refused; and whether the link dropped. */
function useJoinerPhase() {
  const api = useApi();
  // Joined already (a reload, a dropped connection): the credential in this tab is presented again.
  const [phase, setPhase] = useState<Phase | null>(() =>
    sessionStorage.getItem(CREDENTIAL_KEY) ? { kind: 'joined' } : null,
  );
  const [lost, setLost] = useState(false);

  useEffect(() => {
    const lang = new URLSearchParams(window.location.search).get('lang');
    if (lang === 'ja' || lang === 'en') useAppStore.setState((s) => ({ settings: { ...s.settings, language: lang } }));
    const off = api.onConnection((c) => {
      if (c === 'refused') setPhase({ kind: 'refused' });
      // Dropped or cut off: say so now, then try again; a revoked credential comes back refused.
      if (c === 'lost') {
        setLost(true);
        setTimeout(() => window.location.reload(), 3000);
      }
    });
    if (!sessionStorage.getItem(CREDENTIAL_KEY))
      api.invoke('review:hello', {}).then(
        (hello) => setPhase({ kind: 'hello', hello }),
        () => setPhase({ kind: 'refused' }),
      );
    return off;
  }, [api]);

  return { phase, setPhase, lost };
}

function HelloView({ hello: h, onJoin, onStop }: { hello: InviteHello; onJoin: () => void; onStop: () => void }) {
  const t = useT();
  return (
    <main className="joiner joiner-hello">
      <h1>{t('joiner.title', { role: t(`review.role.${h.role}`) })}</h1>
      <p>{t('joiner.invitedAs', { n: h.name, op: h.operator, title: h.title })}</p>
      <p>{t('joiner.compare')}</p>
      <p className="read-aloud" data-testid="joiner-code">
        {h.code}
      </p>
      <p className="hint">{t('joiner.compareBrowser')}</p>
      <div className="actions">
        <button className="btn btn-primary btn-large" autoFocus onClick={onJoin}>
          {t('joiner.match')}
        </button>
        <button className="btn btn-large" onClick={onStop}>
          {t('joiner.mismatch')}
        </button>
      </div>
    </main>
  );
}

export function JoinerApp() {
  const api = useApi();
  const t = useT();
  const { phase, setPhase, lost } = useJoinerPhase();

  const join = async (): Promise<void> => {
    const { pair, spki } = await makeKey();
    const r = await api.invoke('review:join', { publicKey: spki });
    await keepKey(r.credential, pair.privateKey);
    sessionStorage.setItem(CREDENTIAL_KEY, r.credential);
    setPhase({ kind: 'joined' });
  };

  if (!phase) return <main className="joiner" />;
  if (phase.kind === 'refused')
    return (
      <main className="joiner" role="alert">
        {t('joiner.refused')}
      </main>
    );
  if (phase.kind === 'stopped')
    return (
      <main className="joiner" role="alert">
        {t('joiner.stopped')}
      </main>
    );
  if (phase.kind === 'joined')
    return (
      <>
        {lost && (
          <p role="alert" className="joiner-lost">
            {t('joiner.lost')}
          </p>
        )}
        <JoinedView />
      </>
    );
  return <HelloView hello={phase.hello} onJoin={() => void join()} onStop={() => setPhase({ kind: 'stopped' })} />;
}
