// Redlines: what went differently on the night, per step, and the runbook change it suggests — a
// unified diff of the Markdown the team reviews and applies as they like. Only the steps with a
// redline change: their 所要時間/Estimate (from the actual and the baseline), an expected value
// where the runbook had none (what the command printed), and `> redline:` notes under the heading.
import { createTwoFilesPatch } from 'diff';
import { basename } from 'node:path';
import { translate, type MessageKey, type Values } from '../../shared/i18n';
import type { Step } from '../../shared/model';
import { allSteps } from '../../shared/model';
import type { Baselines } from '../../shared/timeline/percentile';
import { plannedMinutes } from '../../shared/timeline/layout';
import { readRecord, type SessionRecord } from './record';
import { runbookBaselines } from './baseline';
import { sessionRedactor } from './exporter';

const MIN = 60_000;

export type RedlineKind =
  'skipped' | 'out-of-order' | 'failed' | 'overran' | 'accepted-mismatch' | 'typed-command' | 'estimate-far' | 'note';

export interface Redline {
  kind: RedlineKind;
  detail: string;
}

export interface StepRedlines {
  step: Step;
  items: Redline[];
  actualMin: number | null;
  /** A new estimate in whole minutes, when the actual (and past runs) say the written one is far off. */
  estimate: number | null;
  /** What the step's command printed, offered as its expected value where the runbook had none. */
  observed: { commandLine: number; text: string } | null;
}

interface StepFacts {
  mismatches: { detail: string; output: string }[];
  outputs: Map<string, string>;
  typed: string[];
  notes: string[];
}

/** Walk the journal once: which step was active when each run, typed command and note happened. */
function factsByStep(rec: SessionRecord): Map<string, StepFacts> {
  const facts = new Map<string, StepFacts>();
  const of = (id: string) =>
    facts.get(id) ?? facts.set(id, { mismatches: [], outputs: new Map(), typed: [], notes: [] }).get(id)!;
  let active: string | null = null;
  for (const { event: e } of rec.entries) {
    if (e.type === 'step-start') active = e.stepId;
    else if (e.type === 'step-complete' || e.type === 'step-fail' || e.type === 'step-skip')
      active = e.stepId === active ? null : active;
    else if (e.type === 'command-run') {
      if (e.comparison.result === 'mismatch')
        of(e.stepId).mismatches.push({ detail: e.comparison.detail, output: e.output });
      else if (e.exitCode === 0) of(e.stepId).outputs.set(e.commandId, e.output);
    } else if (e.type === 'shell-command' && active) of(active).typed.push(e.commandLine);
    else if (e.type === 'note' && active) of(active).notes.push(e.text);
  }
  return facts;
}

const firstLine = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0)
    ?.replace(/`/g, "'")
    .slice(0, 200) ?? '';

function proposedEstimate(
  step: Step,
  written: number | null,
  actualMin: number | null,
  baseline: Baselines[string] | undefined,
): number | null {
  if (actualMin === null || written === null) return null;
  if (Math.abs(actualMin - written) < Math.max(2, written * 0.3)) return null;
  const p90 = baseline && baseline.runs >= 2 ? baseline.p90 : null;
  if (actualMin > written) return Math.ceil(Math.max(actualMin, p90 ?? 0));
  // Shorter only on more than one night's word (one rushed rehearsal is not a new estimate), and never
  // from a share of a group's estimate.
  if (step.estimateMinutes === null || p90 === null || p90 > written * 0.7) return null;
  return Math.max(1, Math.ceil(Math.max(actualMin, p90)));
}

/** Everything that differed from the runbook, per step, in the order of the runbook. */
export function collectRedlines(rec: SessionRecord, baselines: Baselines = {}): StepRedlines[] {
  const facts = factsByStep(rec);
  const m = rec.doc.model;
  const phases = [...m.phases, ...(m.completion ? [m.completion] : []), ...(m.rollback?.phases ?? [])];
  const siblings = (step: Step) => phases.find((p) => p.steps.includes(step))?.steps ?? [step];
  const out: StepRedlines[] = [];
  for (const step of allSteps(rec.doc.model)) {
    const r = rec.state.steps[step.id];
    const f = facts.get(step.id);
    const items: Redline[] = [];
    const actualMin =
      r?.state === 'done' && r.startedAt !== null && r.endedAt !== null
        ? Math.round(((r.endedAt - r.startedAt) / MIN) * 10) / 10
        : null;
    const written = plannedMinutes(step, siblings(step));
    if (r?.state === 'skipped') items.push({ kind: 'skipped', detail: r.reason ?? '' });
    if (r?.state === 'failed') items.push({ kind: 'failed', detail: r.reason ?? '' });
    if (r?.override) items.push({ kind: 'out-of-order', detail: r.override });
    if (actualMin !== null && written !== null && actualMin > written)
      items.push({ kind: 'overran', detail: `${actualMin} / ${written}` });
    if (r?.state === 'done')
      for (const m of f?.mismatches ?? [])
        items.push({ kind: 'accepted-mismatch', detail: firstLine(m.output) || m.detail });
    const ranOwn = (f?.outputs.size ?? 0) + (f?.mismatches.length ?? 0) > 0;
    if (step.commands.length && !ranOwn)
      for (const t of f?.typed ?? []) items.push({ kind: 'typed-command', detail: firstLine(t) });
    for (const n of f?.notes ?? []) items.push({ kind: 'note', detail: firstLine(n) });
    const estimate = proposedEstimate(step, written, actualMin, baselines[step.id]);
    if (estimate !== null && !items.some((i) => i.kind === 'overran'))
      items.push({ kind: 'estimate-far', detail: `${actualMin} / ${written}` });
    // A rehearsal's outputs are the shims' (the runbook's own value, or a simulation): only a real night's count.
    const observed = rec.state.rehearsal ? null : observedExpected(step, f);
    if (!items.length && !observed) continue;
    out.push({ step, items, actualMin, estimate, observed });
  }
  return out;
}

/** The first command that printed something and has no expected value anywhere in its step. */
function observedExpected(step: Step, f: StepFacts | undefined): StepRedlines['observed'] {
  if (!f || step.expected.length) return null;
  for (const c of step.commands) {
    const text = firstLine(f.outputs.get(c.id) ?? '');
    if (!c.expectedOutput && text) return { commandLine: c.endLine, text };
  }
  return null;
}

/** The patch's words in the runbook's language, from the catalog. */
function wordsOf(lang: 'ja' | 'en') {
  const tr = (key: MessageKey, values: Values = {}): string => translate(lang, key, values);
  return {
    estimate: (n: number) => tr('redline.patch.estimate', { n }),
    expected: tr('redline.patch.expected'),
    estimateLabel: tr('redline.patch.estimateLabel'),
    kind: (kind: RedlineKind, d: string) => tr(`redline.patch.${kind}`, { d }),
  };
}

/** The estimate labels vocabulary.ts reads (the seeds' words, and English). */
const ESTIMATE_WORDS = '所要時間|所要時間目安|目安時間|作業時間|estimate|estimated time|duration';
const ESTIMATE_LINE = new RegExp(
  `^(\\s*(?:\\*\\*)?(?:${ESTIMATE_WORDS})(?:\\*\\*)?\\s*[:：]\\s*(?:\\*\\*)?\\s*)(.*)$`,
  'i',
);

/** The index of the fence closing the code block that contains line `from` (0-based); `from` if none closes it. */
function fenceEnd(lines: string[], from: number): number {
  for (let i = from; i < lines.length && i < from + 500; i++) if (/^\s*(```|~~~)/.test(lines[i]!)) return i;
  return from;
}

/** The runbook with its redlined steps changed, and nothing else. */
export function applyRedlines(text: string, lang: 'ja' | 'en', redlines: StepRedlines[]): string {
  const w = wordsOf(lang);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  // Edits by 0-based line index; applied bottom-up so earlier indexes stay valid.
  const inserts = new Map<number, string[]>();
  const add = (after: number, ls: string[]) => inserts.set(after, [...(inserts.get(after) ?? []), ...ls]);
  for (const r of redlines) {
    const head = r.step.line - 1;
    const own = lines.slice(head, r.step.endLine).findIndex((l) => ESTIMATE_LINE.test(l));
    if (r.estimate !== null && own >= 0 && r.step.estimateMinutes !== null) {
      lines[head + own] = lines[head + own]!.replace(
        ESTIMATE_LINE,
        (_m, label: string) => `${label}${w.estimate(r.estimate!)}`,
      );
    }
    const notes = r.items.map((i) => `> redline: ${w.kind(i.kind, i.detail.replace(/\s+/g, ' ').trim())}`);
    const newEstimate =
      r.estimate !== null && (own < 0 || r.step.estimateMinutes === null)
        ? [`${w.estimateLabel}: ${w.estimate(r.estimate)}`, '']
        : [];
    if (notes.length || newEstimate.length) add(head, ['', ...newEstimate, ...notes]);
    // After the command's closing fence, not inside it.
    if (r.observed) add(fenceEnd(lines, r.observed.commandLine - 1), ['', `${w.expected}: \`${r.observed.text}\``]);
  }
  for (const at of [...inserts.keys()].sort((a, b) => b - a)) {
    const block = inserts.get(at)!;
    // Keep the Markdown's blocks apart: a blank line after what was inserted unless one follows already.
    if (lines[at + 1]?.trim() !== '') block.push('');
    lines.splice(at + 1, 0, ...block);
  }
  return lines.join(eol);
}

/** The proposed change as a unified diff against the runbook the session ran (a/NAME → b/NAME). */
export function redlinePatch(
  rec: SessionRecord,
  baselines: Baselines = {},
  redact: (s: string) => string = (s) => s,
): { patch: string; redlines: StepRedlines[] } {
  if (rec.doc.encoding !== 'utf-8')
    throw new Error(
      `${rec.runbookName} is ${rec.doc.encoding}: a patch is written in UTF-8. ` +
        'Save the runbook as UTF-8, then propose changes.',
    );
  // The BOM is kept: the patch's context must be the file's bytes.
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(rec.runbookBytes);
  // Only what the night adds is redacted (a note, an output): the runbook's own lines stay as they are,
  // or the patch would not apply.
  const redlines = collectRedlines(rec, baselines).map((r) => ({
    ...r,
    items: r.items.map((i) => ({ ...i, detail: redact(i.detail) })),
    observed: r.observed && { ...r.observed, text: redact(r.observed.text) },
  }));
  const after = applyRedlines(before, rec.doc.model.language, redlines);
  if (after === before) return { patch: '', redlines };
  const name = basename(rec.runbookName).replace(/[^\p{L}\p{N}._-]/gu, '_') || 'runbook.md';
  return { patch: createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, '', '', { context: 3 }), redlines };
}

/** The proposed change for a session folder: past runs in `dataDir` as baselines, the night's words redacted. */
export function redlineExport(dir: string, dataDir: string): { patch: string; redlines: StepRedlines[]; name: string } {
  const rec = readRecord(dir);
  const baselines = runbookBaselines(dataDir, rec.doc.model, rec.state.runbookSha256, rec.sessionId);
  const redactor = sessionRedactor(dir, rec);
  const r = redlinePatch(rec, baselines, (s) => redactor.redact(s));
  return { ...r, name: `${basename(rec.runbookName)}` };
}
