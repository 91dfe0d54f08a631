// Open an evidence bundle and check it exactly as `tejun verify` does: runbook hash, journal chain,
// export digests, signatures. An approver on another workstation reads it here and counter-signs.
import { useState } from 'react';
import type { Verification } from '../../../shared/contract';
import { useApi } from '../api/ApiContext';
import { guarded, readFileBase64, saveFile } from '../actions';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store';

export function BundleCheck() {
  const api = useApi();
  const t = useT();
  const needsPassphrase = useAppStore((s) => s.info?.keyProtection !== 'os');
  const [result, setResult] = useState<{ base64: string; name: string; v: Verification } | null>(null);
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  return (
    <section className="bundle-check" data-testid="bundle-check">
      <label className="btn">
        {t('evidence.verifyTitle')}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          data-testid="bundle-file-input"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            const base64 = await readFileBase64(f);
            const v = await guarded(() => api.invoke('evidence:verify', { base64 }));
            if (v) setResult({ base64, name: f.name, v });
          }}
        />
      </label>
      {result && (
        <>
          <h3 className={result.v.ok ? 'verify-ok' : 'verify-bad'}>
            {t('evidence.verifyResult')}: {result.name}
          </h3>
          <pre className="verify-lines" data-testid="verify-lines">{result.v.lines.join('\n')}</pre>
          {result.v.ok && (
            <form
              className="key-form"
              onSubmit={async (e) => {
                e.preventDefault();
                const r = await guarded(() => api.invoke('evidence:countersign', { base64: result.base64, name: name.trim(), passphrase }));
                setPassphrase('');
                if (r) {
                  saveFile(r.file);
                  setResult({ base64: r.file.base64, name: r.file.name, v: r.verification });
                }
              }}
            >
              <label className="inline-field">
                <span>{t('evidence.approverName')}</span>
                <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
              </label>
              {needsPassphrase && (
                <label className="inline-field">
                  <span>{t('evidence.passphrase')}</span>
                  <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} minLength={8} required />
                </label>
              )}
              <button type="submit" className="btn btn-primary" disabled={!name.trim() || (needsPassphrase && passphrase.length < 8)}>
                {t('evidence.countersign')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
