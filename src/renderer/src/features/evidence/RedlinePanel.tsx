// After a rehearsal or a release: what differed on the night, proposed as a change to the runbook (a
// unified diff, core/evidence/redline.ts). The team reads it here, copies it or saves the .patch.
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { guarded, saveFile } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import { isFinished } from '../../../../shared/session/lifecycle';

export function RedlinePanel() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const [result, setResult] = useState<{ name: string; patch: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const done = session && isFinished(session.state.lifecycle);
  if (!session || !done) return null;
  const propose = async () => {
    const r = await guarded(() => api.invoke('session:redline', { sessionId: session.sessionId }));
    if (r) setResult(r);
  };
  const bytes = (s: string) => {
    let bin = '';
    for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
    return btoa(bin);
  };
  return (
    <div className="redline" data-testid="redline">
      <button type="button" className="btn btn-small" onClick={() => void propose()} data-testid="redline-propose">
        {t('redline.propose')}
      </button>
      {result && !result.patch && <p className="muted">{t('redline.none')}</p>}
      {result?.patch && (
        <section className="redline-result" aria-label={t('redline.title')}>
          <h3>{t('redline.title')}</h3>
          <div className="redline-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                void navigator.clipboard.writeText(result.patch).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? t('redline.copied') : t('redline.copy')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => saveFile({ name: result.name, mime: 'text/x-diff', base64: bytes(result.patch) })}
              data-testid="redline-save"
            >
              {t('redline.save')}
            </button>
          </div>
          <pre className="redline-diff" tabIndex={0} data-testid="redline-diff">
            {result.patch.split('\n').map((l, i) => (
              <span
                key={i}
                className={
                  l.startsWith('+') && !l.startsWith('+++')
                    ? 'diff-add'
                    : l.startsWith('-') && !l.startsWith('---')
                      ? 'diff-del'
                      : undefined
                }
              >
                {l}
                {'\n'}
              </span>
            ))}
          </pre>
        </section>
      )}
    </div>
  );
}
