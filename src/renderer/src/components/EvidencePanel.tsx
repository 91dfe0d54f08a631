// Evidence, in the session bar once there is something to show: the filled-in procedure (Markdown,
// HTML, PDF) and the bundle, at any time; the operator's signed sign-off when the session is complete;
// the approver's counter-signature after it. Keys are unlocked by the OS keychain in the desktop app,
// by a passphrase in the browser.
import { useState } from 'react';
import type { Verification } from '../../../shared/contract';
import { useApi } from '../api/ApiContext';
import { guarded, saveFile } from '../actions';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store';

type Format = 'md' | 'html' | 'pdf' | 'bundle' | 'report';

function KeyForm({ role, onDone }: { role: 'operator' | 'approver'; onDone: (fingerprint: string, v: Verification | null) => void }) {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session)!;
  const needsPassphrase = useAppStore((s) => s.info?.keyProtection !== 'os');
  const operator = useAppStore((s) => s.settings.operatorName);
  const [name, setName] = useState(role === 'operator' ? operator || session.state.operator : '');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      if (role === 'operator') {
        const r = await guarded(() => api.invoke('evidence:signOff', { sessionId: session.sessionId, name: name.trim(), passphrase }));
        if (r) onDone(r.fingerprint, null);
      } else {
        const r = await guarded(() => api.invoke('evidence:countersign', { sessionId: session.sessionId, name: name.trim(), passphrase }));
        if (r) {
          saveFile(r.file);
          onDone(r.fingerprint, r.verification);
        }
      }
    } finally {
      setBusy(false);
      setPassphrase('');
    }
  };
  return (
    <form
      className="key-form"
      data-testid={`sign-${role}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="inline-field">
        <span>{role === 'operator' ? t('evidence.operatorName') : t('evidence.approverName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
      </label>
      {needsPassphrase && (
        <label className="inline-field">
          <span>{t('evidence.passphrase')}</span>
          <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} maxLength={1024} minLength={8} required title={t('evidence.passphraseHint')} />
        </label>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy || !name.trim() || (needsPassphrase && passphrase.length < 8)}>
        {role === 'operator' ? t('session.signOff') : t('evidence.countersign')}
      </button>
    </form>
  );
}

export function EvidencePanel() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const [busy, setBusy] = useState<Format | null>(null);
  const [signed, setSigned] = useState<{ role: string; fingerprint: string; verification: Verification | null } | null>(null);
  if (!session || session.state.lifecycle === 'prepared') return null;
  const { state } = session;
  const operatorSign = state.signOffs.find((s) => s.role === 'operator');
  const exportAs = async (format: Format) => {
    setBusy(format);
    try {
      const f = await guarded(() => api.invoke('evidence:export', { sessionId: session.sessionId, format }));
      if (f) saveFile(f);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="evidence" data-testid="evidence">
      <span className="evidence-label">{t('evidence.export')}</span>
      {(state.rehearsal ? (['md', 'html', 'pdf', 'bundle', 'report'] as const) : (['md', 'html', 'pdf', 'bundle'] as const)).map((f) => (
        <button key={f} type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void exportAs(f)} data-testid={`export-${f}`}>
          {busy === f ? '…' : t(`evidence.${f}`)}
        </button>
      ))}
      {state.lifecycle === 'completed' && !session.readOnly && <KeyForm role="operator" onDone={(fingerprint) => setSigned({ role: 'operator', fingerprint, verification: null })} />}
      {operatorSign && (
        <span className="signed" data-testid="signed-by">
          ✍ {operatorSign.by} {operatorSign.fingerprint && <code>{operatorSign.fingerprint}</code>}
        </span>
      )}
      {state.lifecycle === 'signed-off' && !signed?.verification && <KeyForm role="approver" onDone={(fingerprint, verification) => setSigned({ role: 'approver', fingerprint, verification })} />}
      {signed?.verification && (
        <span className={signed.verification.ok ? 'verify-ok' : 'verify-bad'} data-testid="countersigned">
          ✍ {t('evidence.countersigned')} <code>{signed.fingerprint}</code> — {signed.verification.ok ? t('evidence.verified') : signed.verification.problem}
        </span>
      )}
    </div>
  );
}
