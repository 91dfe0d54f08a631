// The timeline's words in Japanese and English, from the catalog (`shared/i18n/{en,ja}/timeline.ts`): the same
// picture is drawn in the app and in the exports, so its legend and markers are worded once for both.
import { fill, TIMELINE_WORDS } from '../i18n';
import type { ActualOutcome, MarkerKind } from './layout';

export type TimelineLang = 'ja' | 'en';

interface Words {
  title: string;
  planned: string;
  band: string;
  outcome: Record<ActualOutcome, string>;
  marker: Record<MarkerKind, string>;
  choice: Record<string, string>;
  minutes: (n: number) => string;
  summary: (phases: number, steps: number, failed: number, overran: number) => string;
}

export function timelineWords(lang: TimelineLang): Words {
  const w = TIMELINE_WORDS[lang];
  return {
    ...w,
    minutes: (n) => fill(w.minutes, { n }),
    summary: (phases, steps, failed, overran) => fill(w.summary, { phases, steps, failed, overran }),
  };
}
