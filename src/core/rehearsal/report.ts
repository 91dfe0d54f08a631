// The rehearsal report (振り返り): per step and phase, actual time against the estimate; the checks
// that failed; each decision and how long it took from the trouble to the decision; whether the
// rollback finished within its time limit; and estimates worth changing in the runbook.
import { REPORT_WORDS } from '../../shared/i18n';
import type { Step } from '../../shared/model';
import { sessionNow } from '../../shared/session/state';
import { rollbackLimitMinutes } from '../../shared/session/timers';
import { hms } from '../evidence/markdown';
import { readRecord, type SessionRecord } from '../evidence/record';
import { Redactor } from '../evidence/redact';
import { timelineFigure } from '../evidence/timeline';
import { ABSENT } from './verdict';

const min = (ms: number) => Math.round((ms / 60_000) * 10) / 10;
const cell = (s: string | number) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export interface StepTiming {
  step: Step;
  phase: string;
  actualMin: number | null;
  estimateMin: number | null;
  state: string;
}

export function stepTimings(rec: SessionRecord): StepTiming[] {
  const m = rec.doc.model;
  const phases = [...m.phases, ...(m.completion ? [m.completion] : []), ...(m.rollback?.phases ?? [])];
  return phases.flatMap((p) =>
    p.steps.map((step) => {
      const r = rec.state.steps[step.id];
      return {
        step,
        phase: p.title,
        actualMin: r?.startedAt && r.endedAt ? min(r.endedAt - r.startedAt) : null,
        estimateMin: step.estimateMinutes ?? step.groupEstimateMinutes,
        state: r?.state ?? 'pending',
      };
    }),
  );
}

/** Time from the trouble (a failed check, a failed step) to the decision taken on it. */
export function decisionTimes(
  rec: SessionRecord,
): { at: number; choice: string; reason: string; by: string; tookMs: number | null }[] {
  let troubleAt: number | null = null;
  const out: { at: number; choice: string; reason: string; by: string; tookMs: number | null }[] = [];
  for (const e of rec.entries) {
    const at = Date.parse(e.time);
    const ev = e.event;
    if (
      (ev.type === 'command-run' && ev.comparison.result === 'mismatch') ||
      ev.type === 'step-fail' ||
      (ev.type === 'timer-fired' && /deadline|timeout|hotfix/.test(ev.kind))
    )
      troubleAt ??= at;
    if (ev.type === 'decision') {
      out.push({
        at,
        choice: ev.choice,
        reason: ev.reason,
        by: ev.by,
        tookMs: troubleAt === null ? null : at - troubleAt,
      });
      troubleAt = null;
    }
  }
  return out;
}

type AllWords = (typeof REPORT_WORDS)[keyof typeof REPORT_WORDS];
type Titles = (id: string) => string;
type Run = Extract<SessionRecord['entries'][number]['event'], { type: 'command-run' }>;

export function rehearsalReport(dir: string): string {
  const rec = readRecord(dir);
  const { state } = rec;
  const L = REPORT_WORDS[rec.doc.model.language];
  const timings = stepTimings(rec);
  const title: Titles = (id) => timings.find((t) => t.step.id === id)?.step.title ?? id;
  const runs = rec.entries.flatMap((e) => (e.event.type === 'command-run' ? [e.event] : []));
  const out: string[] = [
    `# ${L.title}: ${rec.state.title}`,
    '',
    `**REHEARSAL** · ${rec.sessionId} · ${L.outcome}: ${state.outcome ?? '—'} · ${L.speed}: ×${state.speed}`,
    '',
    `**${L.isolation}**: ${isolationText(state.isolation, L)}`,
    '',
    ...stepsSection(timings, L),
    ...figureSection(rec),
    ...checksSection(rec, L, title),
    ...decisionsSection(rec, L),
    ...rollbackSection(rec, timings, L),
    ...blockedSection(rec, state.isolation, L, title),
    ...cutSection(runs, L, title),
    ...notComparableSections(runs, L, title),
    ...shimsSection(rec, L),
    ...suggestionsSection(timings, L),
    '',
  ];
  return new Redactor().redact(out.join('\n'));
}

function stepsSection(timings: StepTiming[], L: AllWords): string[] {
  const out = [
    `## ${L.steps}`,
    '',
    `| ${L.phase} | ${L.step} | ${L.state} | ${L.actual} | ${L.estimate} | ${L.diff} |`,
    '|---|---|---|---|---|---|',
  ];
  for (const t of timings.filter((x) => x.state !== 'pending')) {
    const diff =
      t.actualMin !== null && t.estimateMin !== null
        ? `${t.actualMin - t.estimateMin > 0 ? '+' : ''}${Math.round((t.actualMin - t.estimateMin) * 10) / 10}`
        : '—';
    out.push(
      `| ${cell(t.phase)} | ${cell(t.step.title)} | ${t.state} | ${t.actualMin ?? '—'} | ${t.estimateMin ?? '—'} | ${diff} |`,
    );
  }
  out.push('');
  return out;
}

/** The same script-free picture as the exports: Markdown viewers that render HTML show it inline. */
function figureSection(rec: SessionRecord): string[] {
  const figure = timelineFigure(rec);
  return [`## ${figure.heading}`, '', figure.svg, ''];
}

function checksSection(rec: SessionRecord, L: AllWords, title: Titles): string[] {
  const failedChecks = rec.entries.flatMap((e) =>
    e.event.type === 'command-run' && e.event.comparison.result === 'mismatch' ? [e.event] : [],
  );
  const out = [`## ${L.checks}`, ''];
  if (!failedChecks.length) out.push(`- ${L.none}`);
  for (const f of failedChecks)
    out.push(
      `- ${hms(f.startedAt)} ${cell(title(f.stepId))}: exit ${f.exitCode ?? '?'} — ${cell(f.comparison.detail)}`,
    );
  return out;
}

function decisionsSection(rec: SessionRecord, L: AllWords): string[] {
  const out = ['', `## ${L.decisions}`, ''];
  const ds = decisionTimes(rec);
  if (!ds.length) out.push(`- ${L.none}`);
  for (const d of ds)
    out.push(
      `- ${hms(d.at)} **${d.choice}** (${d.by}): ${cell(d.reason)} — ${L.took}: ${d.tookMs === null ? '—' : `${Math.round(d.tookMs / 1000)} s`}`,
    );
  return out;
}

/** Whether the rollback's steps ended within its time limit, counted from the release's start. */
function rollbackSection(rec: SessionRecord, timings: StepTiming[], L: AllWords): string[] {
  const { state } = rec;
  if (!state.rollback) return [];
  const rbSteps = timings.filter((t) => rec.doc.model.rollback?.phases.some((p) => p.steps.includes(t.step)));
  const ends = rbSteps.map((t) => state.steps[t.step.id]?.endedAt).filter((x): x is number => typeof x === 'number');
  const end = ends.length ? Math.max(...ends) : (state.completedAt ?? sessionNow(state, Date.now()));
  const start = state.releaseStartedAt ?? state.createdAt;
  const limit = rollbackLimitMinutes(rec.doc.model);
  const within = end - start <= limit * 60_000;
  return [
    '',
    `## ${L.rollback}`,
    '',
    `- ${within ? L.within : L.over} (${min(end - start)} / ${L.limit} ${limit} min)`,
  ];
}

function cutSection(runs: Run[], L: AllWords, title: Titles): string[] {
  const cut = runs.filter((r) => r.comparison.how === 'cut-short');
  return [
    '',
    `## ${L.cut}`,
    '',
    ...(cut.length
      ? cut.map(
          (r) =>
            `- ${cell(title(r.stepId))}: \`${cell(r.text.split('\n')[0]!.slice(0, 80))}\` — ${cell(r.comparison.detail)}`,
        )
      : [`- ${L.none}`]),
  ];
}

/** The runs nothing could be compared against, and among them those whose tool was absent. */
function notComparableSections(runs: Run[], L: AllWords, title: Titles): string[] {
  const nc = runs.filter((r) => r.comparison.result === 'not-comparable' && r.comparison.how !== 'cut-short');
  const absent = nc.filter((r) => r.comparison.detail.startsWith(ABSENT));
  return [
    '',
    `## ${L.notComparable}`,
    '',
    nc.length
      ? `- ${nc.length}: ${[...new Set(nc.map((r) => cell(title(r.stepId))))].slice(0, 20).join(' · ')}`
      : `- ${L.none}`,
    '',
    `## ${L.absent}`,
    '',
    ...(absent.length
      ? absent.map(
          (r) =>
            `- ${cell(title(r.stepId))}: \`${cell(
              r.text
                .split('\n')
                .find((l) => l.trim())!
                .slice(0, 80),
            )}\` — ${cell(r.comparison.detail)}`,
        )
      : [`- ${L.none}`]),
  ];
}

function shimsSection(rec: SessionRecord, L: AllWords): string[] {
  const calls = new Map<string, number>();
  for (const e of rec.entries)
    if (e.event.type === 'shim-call') calls.set(e.event.tool, (calls.get(e.event.tool) ?? 0) + 1);
  return [
    '',
    `## ${L.shims}`,
    '',
    calls.size
      ? [...calls]
          .sort((a, b) => b[1] - a[1])
          .map(([tool, n]) => `\`${tool}\` ×${n}`)
          .join(' · ')
      : `- ${L.none}`,
  ];
}

/** Estimates worth changing: done steps that took over 120 % of it, or (a minute or more) under 30 %. */
function suggestionsSection(timings: StepTiming[], L: AllWords): string[] {
  const out = ['', `## ${L.suggestions}`, ''];
  const suggestions = timings.filter(
    (t) =>
      t.actualMin !== null &&
      t.estimateMin !== null &&
      (t.actualMin > t.estimateMin * 1.2 || (t.actualMin >= 1 && t.actualMin < t.estimateMin * 0.3)) &&
      t.state === 'done',
  );
  if (!suggestions.length) out.push(`- ${L.noSuggest}`);
  for (const t of suggestions)
    out.push(
      `- ${L.suggest
        .replace('{t}', cell(t.step.title))
        .replace('{a}', String(t.estimateMin))
        .replace('{b}', String(Math.max(1, Math.ceil(t.actualMin! * 1.2))))}`,
    );
  return out;
}

type Words = Record<
  | 'shimsOnly'
  | 'observedWith'
  | 'notObserved'
  | 'blocked'
  | 'blockedNone'
  | 'blockedUnknown'
  | 'blockedNoSandbox'
  | 'network'
  | 'write'
  | 'none',
  string
>;
type Iso = SessionRecord['state']['isolation'];

function isolationText(iso: Iso, L: Words): string {
  if (!iso) return '—';
  if (iso.kind === 'shims-only') return `${L.shimsOnly} (${cell(iso.note)})`;
  return `${cell(iso.note)} · ${iso.observer ? L.observedWith.replace('{o}', iso.observer) : L.notObserved}`;
}

/** Each refused attempt against its step; never "none" unless something watched. */
function blockedSection(rec: SessionRecord, iso: Iso, L: Words, title: (id: string) => string): string[] {
  const out = ['', `## ${L.blocked}`, ''];
  const blocked = rec.entries.flatMap((e) => (e.event.type === 'sandbox-blocked' ? [e.event] : []));
  if (!iso || iso.kind === 'shims-only') return [...out, `- ${L.blockedNoSandbox}`];
  if (!iso.observer) return [...out, `- ${L.blockedUnknown}`];
  if (!blocked.length) return [...out, `- ${L.blockedNone}`];
  const bySteps = new Map<string, typeof blocked>();
  for (const b of blocked) bySteps.set(b.stepId ?? '', [...(bySteps.get(b.stepId ?? '') ?? []), b]);
  for (const [stepId, bs] of bySteps) {
    out.push(`- **${cell(stepId ? title(stepId) : '—')}**: ${bs.length}`);
    for (const b of bs.slice(0, 20))
      out.push(`  - ${b.kind === 'network' ? L.network : L.write} \`${cell(b.target)}\` (${cell(b.call)})`);
    if (bs.length > 20) out.push(`  - … +${bs.length - 20}`);
  }
  return out;
}
