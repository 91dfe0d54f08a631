// Open an evidence bundle and check it exactly as `tejun verify` does: runbook hash, journal chain,
// export digests, signatures, and the signers against the data folder's trust list, in the same
// words (OK, BROKEN, UNTRUSTED, MISSING). An approver on another workstation reads it and counter-signs.
import { useState } from 'react';
import type { Verification } from '../../../shared/contract';
import { useApi } from '../api/ApiContext';
import { guarded, readFileBase64, saveFile } from '../actions';
import { useT } from '../i18n/useT';
import { SignForm } from './SignForm';

export function BundleCheck() {
  const api = useApi();
  const t = useT();
  const [result, setResult] = useState<{ base64: string; name: string; v: Verification } | null>(null);
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
          <h3 className={result.v.ok ? 'verify-ok' : 'verify-bad'} data-testid="verify-verdict">
            {t('evidence.verifyResult')}: {result.name} — <strong>{result.v.verdict}</strong>: {t(`evidence.verdict.${result.v.verdict}`)}
          </h3>
          <pre className="verify-lines" data-testid="verify-lines">{result.v.lines.join('\n')}</pre>
          {/* The approver counter-signs an intact bundle whose signers are known; their own signature is what is missing. */}
          {(result.v.verdict === 'OK' || result.v.verdict === 'MISSING') && (
            <SignForm
              role="approver"
              onSign={async (name, passphrase) => {
                const r = await guarded(() => api.invoke('evidence:countersign', { base64: result.base64, name, passphrase }));
                if (!r) return;
                saveFile(r.file);
                setResult({ base64: r.file.base64, name: r.file.name, v: r.verification });
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
