// A timer that fired (deadline near, step over its estimate, time for the report) stays on screen
// until the operator acknowledges it.
import { useEffect, useRef, useState } from 'react';
import { chime, notify } from '../../notify';
import { progressReport, templateFacts } from '../../../../shared/session/templates';
import { useLanguage, useT } from '../../i18n/useT';
import { alertText, attentionText } from './attention';
import { useAppStore } from '../../store';

// One shared empty list: a selector that returned a fresh [] each time would re-render forever.
const NONE: never[] = [];

export function AlertBanner() {
  const t = useT();
  const alerts = useAppStore((s) => s.session?.state.alerts ?? NONE);
  const [seen, setSeen] = useState<Set<string>>(new Set());
  const attention = useAppStore((s) => s.session?.state.attention ?? null);
  const session = useAppStore((s) => s.session);
  const lang = useLanguage();
  const open = alerts.filter((a) => !seen.has(a.key));
  const last = open[open.length - 1];
  const sound = useAppStore((s) => s.settings.sound);
  const notifications = useAppStore((s) => s.settings.notifications);
  // Alerts already on record when the page loaded were announced then: only new ones ring.
  const announced = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!session) return;
    if (announced.current === null) {
      announced.current = new Set(alerts.map((a) => a.key));
      return;
    }
    const fresh = alerts.filter((a) => !announced.current!.has(a.key));
    if (!fresh.length) return;
    for (const a of fresh) announced.current.add(a.key);
    const newest = fresh[fresh.length - 1]!;
    const urgent = /deadline|timeout|hotfix|no-return/.test(newest.kind);
    if (sound) chime(urgent);
    if (notifications) notify(`tejun — ${session.state.title}`, alertText(session.doc.model, newest, t), newest.key);
  }, [alerts, session, sound, notifications, t]);
  if (attention) {
    return (
      <div className="banner banner-error" role="alert" data-testid="attention">
        <span className="banner-text">
          {session ? attentionText(session.doc.model, attention, t) : attention.detail}
        </span>
      </div>
    );
  }
  if (!last) return null;
  const urgent = /deadline|timeout|hotfix/.test(last.kind);
  return (
    <div
      className={`banner ${urgent ? 'banner-error' : 'banner-warn'}`}
      role="alert"
      data-testid="timer-alert"
      data-kind={last.kind}
    >
      <span className="banner-text">{session ? alertText(session.doc.model, last, t) : last.label}</span>
      {last.kind === 'progress-report' && session && (
        <>
          <code className="proposal" data-testid="progress-report">
            {progressReport(session.doc.model, templateFacts(session.doc.model, session.state, new Date()), lang)}
          </code>
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              void navigator.clipboard.writeText(
                progressReport(session.doc.model, templateFacts(session.doc.model, session.state, new Date()), lang),
              )
            }
          >
            {t('cmd.copy')}
          </button>
        </>
      )}
      {open.length > 1 && <span className="muted">+{open.length - 1}</span>}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setSeen(new Set([...seen, ...open.map((a) => a.key)]))}
      >
        {t('alert.dismiss')}
      </button>
    </div>
  );
}
