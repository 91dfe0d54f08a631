// Message templates from the runbook (the Slack posts, the reports) filled with the session's facts.
// Pure: the renderer shows the result for one-click copying; nothing is posted anywhere.
import { translate } from '../i18n';
import type { Runbook } from '../model';
import { isStepFinished, type SessionState } from './state';
import { walkList } from './walk';

export interface TemplateFacts {
  now: Date;
  version: string | null;
  operator: string;
  /** Steps done of all steps walked (n/N), and the current phase name. */
  done: number;
  total: number;
  phase: string | null;
  reason: string | null;
  startedAt: Date | null;
}

const p2 = (n: number) => String(n).padStart(2, '0');
const hhmm = (d: Date) => `${p2(d.getHours())}:${p2(d.getMinutes())}`;

export function templateFacts(model: Runbook, s: SessionState, now: Date): TemplateFacts {
  const steps = walkList(model, s.lifecycle === 'rollback' ? 'running' : s.lifecycle);
  const done = steps.filter((st) => isStepFinished(s, st.id)).length;
  const phase =
    [...model.phases]
      .reverse()
      .find((ph) => ph.steps.some((st) => ['done', 'skipped', 'active'].includes(s.steps[st.id]?.state ?? 'pending')))
      ?.name ?? null;
  const version =
    s.variables.VERSION ??
    model.variables.find((v) => v.name === 'VERSION')?.default ??
    (model.metadata.version && !/X\.X/.test(model.metadata.version) ? model.metadata.version : null);
  return {
    now,
    version: version ? (version.startsWith('v') ? version : `v${version}`) : null,
    operator: s.operator,
    done,
    total: steps.length,
    phase,
    reason: s.rollback?.reason ?? s.decisions[s.decisions.length - 1]?.reason ?? null,
    startedAt: s.releaseStartedAt !== null ? new Date(s.releaseStartedAt) : null,
  };
}

/** Fill what the session knows; leave the rest for the operator to complete. */
export function fillTemplate(text: string, f: TemplateFacts): string {
  const d = f.now;
  return text
    .replace(/\bv\[?X\.X\.X\]?/g, (m) => f.version ?? m)
    .replace(/\bYYYYMMDD\b/g, `${d.getFullYear()}${p2(d.getMonth() + 1)}${p2(d.getDate())}`)
    .replace(/\bYYYY\/MM\/DD\b/g, `${d.getFullYear()}/${p2(d.getMonth() + 1)}/${p2(d.getDate())}`)
    .replace(/(完了時刻|Completed at|完了)\s*[:：]\s*HH:MM/g, (_m, label: string) => `${label}: ${hhmm(d)}`)
    .replace(/予定時間\s*[:：]\s*HH:MM\s*~\s*HH:MM/g, (m) => (f.startedAt ? `予定時間: ${hhmm(f.startedAt)} ~` : m))
    .replace(/@username\b/g, f.operator ? `@${f.operator}` : '@username')
    .replace(/\[(理由を記載|reason)\]/gi, (m) => f.reason ?? m);
}

/** The 15-minute progress report the seeds describe: `HH:MM [進行中] バックアップ完了（1/5）`. */
export function progressReport(model: Runbook, f: TemplateFacts, lang: 'ja' | 'en'): string {
  const phasesDone = model.phases.filter((ph) => ph.name === f.phase).length
    ? model.phases.findIndex((ph) => ph.name === f.phase) + 1
    : 0;
  const of = model.phases.length;
  return translate(lang, 'report.progress', {
    time: hhmm(f.now),
    phase: f.phase || translate(lang, 'report.work'),
    phasesDone,
    of,
    done: f.done,
    total: f.total,
  });
}
