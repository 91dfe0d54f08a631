import { useState } from 'react';
import { useT } from '../../i18n/useT';

/** A reason typed in place (never a browser prompt): required, and Enter records it. */
export function ReasonForm({
  label,
  onSubmit,
  onCancel,
  withName,
}: {
  label: string;
  onSubmit: (reason: string, by: string) => void;
  onCancel: () => void;
  withName?: string;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [by, setBy] = useState(withName ?? '');
  const ok = reason.trim().length > 0 && (withName === undefined || by.trim().length > 0);
  return (
    <form
      className="reason-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) onSubmit(reason.trim(), by.trim());
      }}
    >
      <label>
        <span>{label}</span>
        <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </label>
      {withName !== undefined && (
        <label>
          <span>{t('session.decider')}</span>
          <input value={by} onChange={(e) => setBy(e.target.value)} maxLength={200} />
        </label>
      )}
      <button type="submit" className="btn btn-primary" disabled={!ok}>
        {t('session.confirm')}
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        {t('session.cancel')}
      </button>
    </form>
  );
}
