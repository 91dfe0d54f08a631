// The operator's invite: choose the address, open the TLS listener, read its code aloud, make a one-time
// link per person and role, see who is connected and cut anyone off at once.
import { useEffect, useRef, useState } from 'react';
import { useDialogFocus } from '../../shell/focus/trap';
import './review.css';
import type { InviteStatus } from '../../../../shared/contract';
import type { RemoteRole } from '../../../../shared/review';
import { useApi } from '../../api/ApiContext';
import { useT } from '../../i18n/useT';

export function InviteDialog({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const api = useApi();
  const t = useT();
  const [address, setAddress] = useState('127.0.0.1');
  const [link, setLink] = useState<{ url: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (p: Promise<unknown>) => p.catch((e: Error) => setError(e.message));
  const { status, setStatus, refresh } = useInviteStatus(run, onClose);
  const ref = useRef<HTMLElement>(null);
  useDialogFocus(ref, true);
  const listening = status?.listening;
  return (
    <div className="modal-backdrop">
      <section ref={ref} role="dialog" aria-modal="true" aria-labelledby="invite-title" className="modal invite-dialog">
        <h2 id="invite-title">{t('review.inviteTitle')}</h2>
        {error && <p role="alert">{error}</p>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            void run(api.invoke('invite:open', { address, port: 0 }).then(setStatus));
          }}
        >
          <label>
            {t('review.address')}
            <input
              autoFocus
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              data-testid="invite-address"
            />
          </label>
          <p className="hint">{t('review.addressHint')}</p>
          <button type="submit" className="btn btn-primary">
            {t('review.open')}
          </button>
        </form>
        {listening && (
          <>
            <p>
              {t('review.code')}:{' '}
              <strong className="read-aloud" data-testid="invite-code">
                {listening.code}
              </strong>{' '}
              <span className="hint">{`(${listenerUrl(listening.address, listening.port)})`}</span>
            </p>
            <p className="hint">{t('review.codeHint')}</p>
            <InviteForm sessionId={sessionId} run={run} onLink={(l) => (setLink(l), void refresh())} />
            {link && (
              <p>
                {t('review.link', { n: link.name })}{' '}
                <input readOnly value={link.url} data-testid="invite-link" onFocus={(e) => e.target.select()} />
              </p>
            )}
          </>
        )}
        <h3>{t('review.people')}</h3>
        <People
          people={status?.people ?? []}
          revoke={(id) => void run(api.invoke('invite:revoke', { id }).then(refresh))}
        />
        <button className="btn" onClick={onClose}>
          {t('review.close')}
        </button>
      </section>
    </div>
  );
}

/** One person, one role, one link: the secret in it works once. */
function InviteForm(p: {
  sessionId: string;
  run: (x: Promise<unknown>) => Promise<unknown>;
  onLink: (l: { url: string; name: string }) => void;
}) {
  const api = useApi();
  const t = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState<RemoteRole>('checker');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const who = name;
        void p.run(
          api.invoke('invite:create', { sessionId: p.sessionId, name: who, role }).then((r) => {
            p.onLink({ url: r.url, name: who });
            setName('');
          }),
        );
      }}
    >
      <label>
        {t('review.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="invite-name" />
      </label>
      <label>
        {t('review.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as RemoteRole)} data-testid="invite-role">
          {(['checker', 'approver', 'watcher'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`review.role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary">
        {t('review.create')}
      </button>
    </form>
  );
}

/** Who joined: from where, with which key, online or dropped; each can be cut off at once. */
function People({ people, revoke }: { people: InviteStatus['people']; revoke: (id: string) => void }) {
  const t = useT();
  return (
    <>
      {!people.length && <p>{t('review.nobody')}</p>}
      <ul className="invite-people" data-testid="invite-people">
        {people.map((p) => (
          <li key={p.personId}>
            {p.name} · {t(`review.role.${p.role as RemoteRole}`)} · {p.from} ·{' '}
            {p.online ? t('review.online') : t('review.offline')} · <code>{p.fingerprint}</code>{' '}
            <button className="btn" onClick={() => revoke(p.personId)}>
              {t('review.revoke', { n: p.name })}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Who is connected, re-read every second while the dialog is open (a drop shows within a second); Esc closes. */
function useInviteStatus(run: (p: Promise<unknown>) => Promise<unknown>, onClose: () => void) {
  const api = useApi();
  const [status, setStatus] = useState<InviteStatus | null>(null);
  const refresh = () => run(api.invoke('invite:list', {}).then(setStatus));
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 1000);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', onKey);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { status, setStatus, refresh };
}

/** Where joiners reach the listener (an IPv6 address in brackets). */
const listenerUrl = (address: string, port: number): string =>
  `https://${address.includes(':') ? `[${address}]` : address}:${port}`;
