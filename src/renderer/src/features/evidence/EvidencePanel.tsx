// Evidence, in the session bar once there is something to show: the filled-in procedure (Markdown,
// HTML, PDF) and the bundle, at any time; the operator's signed sign-off when the session is complete;
// the approver's counter-signature after it. Keys are unlocked by the OS keychain in the desktop app,
// by a passphrase in the browser.
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat, type Verification } from '../../../../shared/contract';
import { useApi } from '../../api/ApiContext';
import { guarded, saveFile } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { SignForm } from './SignForm';

type Format = ExportFormat;

export function EvidencePanel() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const operator = useAppStore((s) => s.settings.operatorName);
  const [busy, setBusy] = useState<Format | null>(null);
  const [signed, setSigned] = useState<{ role: string; fingerprint: string; verification: Verification | null } | null>(
    null,
  );
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
      {EXPORT_FORMATS.filter((f) => f !== 'report' || state.rehearsal).map((f) => (
        <button
          key={f}
          type="button"
          className="btn btn-small"
          disabled={busy !== null}
          onClick={() => void exportAs(f)}
          data-testid={`export-${f}`}
        >
          {busy === f ? '…' : t(`evidence.${f}`)}
        </button>
      ))}
      {state.lifecycle === 'completed' && !session.readOnly && (
        <SignForm
          role="operator"
          initialName={operator || state.operator}
          onSign={async (name, passphrase) => {
            const r = await guarded(() =>
              api.invoke('evidence:signOff', { sessionId: session.sessionId, name, passphrase }),
            );
            if (r) setSigned({ role: 'operator', fingerprint: r.fingerprint, verification: null });
          }}
        />
      )}
      {operatorSign && (
        <span className="signed" data-testid="signed-by">
          ✍ {operatorSign.by} {operatorSign.fingerprint && <code>{operatorSign.fingerprint}</code>}
        </span>
      )}
      {state.lifecycle === 'signed-off' && !signed?.verification && (
        <SignForm
          role="approver"
          onSign={async (name, passphrase) => {
            const r = await guarded(() =>
              api.invoke('evidence:countersign', { sessionId: session.sessionId, name, passphrase }),
            );
            if (!r) return;
            saveFile(r.file);
            setSigned({ role: 'approver', fingerprint: r.fingerprint, verification: r.verification });
          }}
        />
      )}
      {signed?.verification && (
        <span className={signed.verification.ok ? 'verify-ok' : 'verify-bad'} data-testid="countersigned">
          ✍ {t('evidence.countersigned')} <code>{signed.fingerprint}</code> —{' '}
          {signed.verification.ok ? t('evidence.verified') : signed.verification.problem}
        </span>
      )}
    </div>
  );
}
