// Open an evidence bundle and check it exactly as `tejun verify` does: runbook hash, journal chain,
// export digests, signatures, and the signers against the data folder's trust list, in the same
// words (OK, BROKEN, UNTRUSTED, MISSING). An approver on another workstation reads it and counter-signs.
// Bundles can be far larger than one WebSocket frame, so they travel to core as an upload.
import { useState } from 'react';
import type { Verification } from '../../../../shared/contract';
import { MAX_BUNDLE_BYTES } from '../../../../shared/upload';
import { useApi } from '../../api/ApiContext';
import { guarded, saveFile } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { fromBase64, uploadBytes } from './upload';
import { SignForm } from './SignForm';

export function BundleCheck() {
  const api = useApi();
  const t = useT();
  const [result, setResult] = useState<{ bytes: Uint8Array; name: string; v: Verification } | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async (f: File): Promise<void> => {
    if (f.size === 0 || f.size > MAX_BUNDLE_BYTES) {
      const mb = (f.size / 1024 / 1024).toFixed(1);
      const max = String(MAX_BUNDLE_BYTES / 1024 / 1024);
      const message = t('evidence.bundleSize', { name: f.name, mb, max });
      useAppStore.getState().pushError({ code: 'INVALID_REQUEST', message });
      return;
    }
    setBusy(true);
    try {
      const bytes = new Uint8Array(await f.arrayBuffer());
      const v = await guarded(async () => api.invoke('evidence:verify', { upload: await uploadBytes(api, bytes) }));
      if (v) setResult({ bytes, name: f.name, v });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="bundle-check" data-testid="bundle-check" aria-busy={busy}>
      <label className="btn">
        {busy ? t('evidence.verifying') : t('evidence.verifyTitle')}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          data-testid="bundle-file-input"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void check(f);
          }}
        />
      </label>
      {result && (
        <>
          <h3 className={result.v.ok ? 'verify-ok' : 'verify-bad'} data-testid="verify-verdict">
            {t('evidence.verifyResult')}: {result.name} — <strong>{result.v.verdict}</strong>:{' '}
            {t(`evidence.verdict.${result.v.verdict}`)}
          </h3>
          <pre className="verify-lines" data-testid="verify-lines">
            {result.v.lines.join('\n')}
          </pre>
          {/* The approver counter-signs an intact bundle whose signers are known; their own signature is
              what is missing. */}
          {(result.v.verdict === 'OK' || result.v.verdict === 'MISSING') && (
            <SignForm
              role="approver"
              onSign={async (name, passphrase) => {
                const r = await guarded(async () => {
                  const upload = await uploadBytes(api, result.bytes);
                  return api.invoke('evidence:countersign', { upload, name, passphrase });
                });
                if (!r) return;
                saveFile(r.file);
                setResult({ bytes: fromBase64(r.file.base64), name: r.file.name, v: r.verification });
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
