// The night as a picture: planned versus actual for every phase and step, live as steps move. The SVG is
// the one the exports carry (shared/timeline/svg.ts builds it as escaped text, no script); the table
// under it says the same for a screen reader. Folded away until asked for; reachable by Tab.
import { useEffect, useMemo, useState } from 'react';
import { sessionNow } from '../../../../shared/session/state';
import { timelineLayout, type Baselines, type TimelineRow } from '../../../../shared/timeline/layout';
import { timelineSvg } from '../../../../shared/timeline/svg';
import { timelineWords } from '../../../../shared/timeline/words';
import { useLanguage, useT } from '../../i18n/useT';
import { useAppStore } from '../../store';
import './timeline.css';

const minutes = (span: { start: number; end: number } | null) =>
  span ? String(Math.round((span.end - span.start) / 6000) / 10) : '—';

/** The session clock, moving every few seconds while the panel is open and the night is live. */
function useSessionNow(open: boolean): number | null {
  const state = useAppStore((s) => s.session?.state);
  const [wall, setWall] = useState(() => Date.now());
  const live = !!state && state.completedAt === null;
  useEffect(() => {
    if (!open || !live) return;
    const id = setInterval(() => setWall(Date.now()), 5000);
    return () => clearInterval(id);
  }, [open, live]);
  return state ? sessionNow(state, wall) : null;
}

export function TimelinePanel({
  baselines,
  pointOfNoReturn,
}: {
  baselines?: Baselines;
  pointOfNoReturn?: number | null;
}) {
  const t = useT();
  const lang = useLanguage();
  const session = useAppStore((s) => s.session);
  const past = baselines ?? session?.baselines;
  const [open, setOpen] = useState(false);
  const now = useSessionNow(open);
  const layout = useMemo(
    () =>
      session && now !== null && open
        ? timelineLayout({ model: session.doc.model, state: session.state, now, baselines: past, pointOfNoReturn })
        : null,
    [session, now, open, past, pointOfNoReturn],
  );
  if (!session || session.state.releaseStartedAt === null) return null;
  const words = timelineWords(lang);
  const outcome = (r: TimelineRow) => (r.actual ? words.outcome[r.actual.outcome] : t('timeline.pending'));
  return (
    <details
      className="timeline-panel"
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      data-testid="timeline"
    >
      <summary>{t('timeline.title')}</summary>
      {layout && (
        <>
          {/* The SVG string is built from escaped text only (svg.test.ts holds that). */}
          <div
            className="timeline-figure"
            tabIndex={0}
            dangerouslySetInnerHTML={{ __html: timelineSvg(layout, { lang, idPrefix: 'live-tl' }) }}
          />
          <table className="sr-only" data-testid="timeline-table">
            <caption>{t('timeline.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('timeline.item')}</th>
                <th scope="col">{t('timeline.planned')}</th>
                <th scope="col">{t('timeline.actual')}</th>
                <th scope="col">{t('timeline.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {layout.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.label}</th>
                  <td>{minutes(r.planned)}</td>
                  <td>{minutes(r.actual)}</td>
                  <td>{outcome(r)}</td>
                </tr>
              ))}
              {layout.markers
                .filter((m) => m.kind !== 'progress-report' && m.kind !== 'now')
                .map((m) => (
                  <tr key={`${m.kind}-${m.at}`}>
                    <th scope="row">
                      {m.kind === 'decision'
                        ? `${words.marker.decision}: ${words.choice[m.detail] ?? m.detail}`
                        : words.marker[m.kind]}
                    </th>
                    <td colSpan={3}>{`+${Math.round((m.at - layout.origin) / 60000)}`}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </details>
  );
}
