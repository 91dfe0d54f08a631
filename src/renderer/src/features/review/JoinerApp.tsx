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

export function JoinerApp() {
  const api = useApi();
  const t = useT();
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
  const h = phase.hello;
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
        <button className="btn btn-primary btn-large" autoFocus onClick={() => void join()}>
          {t('joiner.match')}
        </button>
        <button className="btn btn-large" onClick={() => setPhase({ kind: 'stopped' })}>
          {t('joiner.mismatch')}
        </button>
      </div>
    </main>
  );
}
