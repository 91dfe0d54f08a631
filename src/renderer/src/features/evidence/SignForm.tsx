// The one form that unlocks a signing key: a name, and the key's passphrase where the OS keychain
// does not hold it (the browser). Used to sign off, to counter-sign, and for a bundle brought in.
import { useState } from 'react';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

interface Props {
  role: 'operator' | 'approver';
  initialName?: string;
  /** Resolves once the signature is made (or refused: the error banner says why). */
  onSign: (name: string, passphrase: string) => Promise<void>;
}

export function SignForm({ role, initialName = '', onSign }: Props) {
  const t = useT();
  const needsPassphrase = useAppStore((s) => s.info?.keyProtection !== 'os');
  const [name, setName] = useState(initialName);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="key-form"
      data-testid={`sign-${role}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          await onSign(name.trim(), passphrase);
        } finally {
          setBusy(false);
          setPassphrase('');
        }
      }}
    >
      <label className="inline-field">
        <span>{role === 'operator' ? t('evidence.operatorName') : t('evidence.approverName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
      </label>
      {needsPassphrase && (
        <label className="inline-field">
          <span>{t('evidence.passphrase')}</span>
          <input
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            maxLength={1024}
            minLength={8}
            required
            title={t('evidence.passphraseHint')}
          />
        </label>
      )}
      <button
        type="submit"
        className="btn btn-primary"
        disabled={busy || !name.trim() || (needsPassphrase && passphrase.length < 8)}
      >
        {role === 'operator' ? t('session.signOff') : t('evidence.countersign')}
      </button>
    </form>
  );
}
