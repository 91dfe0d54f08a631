// The timeline of a recorded session, for what leaves the machine: the HTML/PDF export and the
// rehearsal report draw the same picture as the live panel, from the journal alone.
import { sessionNow } from '../../shared/session/state';
import { timelineLayout, type Baselines, type Timeline } from '../../shared/timeline/layout';
import { timelineSvg } from '../../shared/timeline/svg';
import { timelineWords } from '../../shared/timeline/words';
import type { SessionRecord } from './record';

export function recordTimeline(rec: SessionRecord, baselines?: Baselines): Timeline {
  const { state } = rec;
  const now = state.completedAt ?? sessionNow(state, Date.now());
  return timelineLayout({ model: rec.doc.model, state, now, baselines });
}

/** The SVG and its heading, in the runbook's language. */
export function timelineFigure(rec: SessionRecord, baselines?: Baselines): { heading: string; svg: string } {
  const lang = rec.doc.model.language;
  return {
    heading: timelineWords(lang).title,
    svg: timelineSvg(recordTimeline(rec, baselines), { lang, idPrefix: 'timeline' }),
  };
}
