// The filled-in procedure: the runbook's own Markdown, in its own structure and language, with every
// blank filled with the recorded value, every confirmation ticked with time and name, each step and
// command annotated with what happened, and a record section (decisions, notes, timeline, sign-off)
// at the end. Made from the journal only, then redacted as a whole before it leaves.
import { allSteps, type Confirmation, type Step } from '../../shared/model';
import type { JournalEntry } from '../../shared/session/events';
import { knownValue } from '../../shared/session/known';
import { sessionNow } from '../../shared/session/state';
import { placeholderEdits } from './placeholders';
import { Redactor } from './redact';
import type { SessionRecord } from './record';
import { fill, RECORD_WORDS as WORDS, type RecordWords as Words } from '../../shared/i18n';

export interface SignatureLine {
  name: string;
  role: 'operator' | 'approver';
  /** ISO time. */
  signedAt: string;
  fingerprint: string;
}

export interface ExportOptions {
  redactor?: Redactor;
  signatures?: SignatureLine[];
  /** How many trailing output lines to show under a command (the transcript has all). */
  outputLines?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const hms = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
export const dateTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hms(ms)}`;
};
function tzName(): string {
  const off = -new Date().getTimezoneOffset();
  return `UTC${off >= 0 ? '+' : '−'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}
function span(ms: number, w: Words): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}${w.seconds}`;
  if (s < 3600) return `${Math.floor(s / 60)}${w.minutes}${pad(s % 60)}${w.seconds}`;
  return `${Math.floor(s / 3600)}${w.hours}${pad(Math.floor((s % 3600) / 60))}${w.minutes}`;
}

/** A value put into the text: one line, and no pipe that would split a table cell. */
const inline = (v: string, inTable: boolean) => {
  const one = v.replace(/\r?\n/g, ' ⏎ ').trim();
  return inTable ? one.replace(/\|/g, '\\|') : one;
};

/** A fence that no backtick run in the content can close. */
function fenced(content: string, lang = 'text'): string[] {
  const longest = Math.max(2, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return [f + lang, ...content.split('\n'), f];
}

type EditAt = (line: number, column: number, apply: (l: string) => string) => void;

/** A value written into its table cell: ticks a `[ ]`, fills `___`, or takes the cell. */
const fillCell =
  (col: number, value: string) =>
  (l: string): string => {
    const cells = l.split(/(?<!\\)\|/);
    const i = l.trimStart().startsWith('|') ? col + 1 : col;
    if (cells[i] === undefined) return l;
    const cell = cells[i]!;
    const v = inline(value, true);
    cells[i] = /\[ \]/.test(cell)
      ? cell.replace('[ ]', `[x] ${v}`)
      : /_{3,}/.test(cell)
        ? cell.replace(/_{3,}/, v)
        : ` ${v} `;
    return cells.join('|');
  };

/** A value written over the first `___` at or after its column. */
const fillBlank =
  (column: number, value: string) =>
  (l: string): string => {
    const from = Math.max(0, column - 1);
    const m = /_{3,}/.exec(l.slice(from));
    if (!m) return l;
    const at = from + m.index;
    return l.slice(0, at) + inline(value, /^\s*\|/.test(l)) + l.slice(at + m[0].length);
  };

/** Blanks and cells filled with what the operator typed, or what the session knows. */
function fieldEdits(steps: Step[], state: SessionRecord['state'], w: Words, edit: EditAt): void {
  for (const step of steps) {
    const cellCol = new Map<string, number>();
    for (const t of step.tables) t.fieldIds.forEach((row) => row.forEach((id, c) => id && cellCol.set(id, c)));
    for (const f of step.fields) {
      // What the operator typed wins; a blank the session knows (start, end, duration, a command's end) is filled
      // by it.
      const value =
        state.fields[f.id]?.value.trim() || knownValue(f, step, state, { time: dateTime, span: (ms) => span(ms, w) });
      if (!value) continue;
      if (f.kind !== 'cell') edit(f.line, f.column, fillBlank(f.column, value));
      else {
        const col = cellCol.get(f.id);
        if (col !== undefined) edit(f.line, 1000 - col, fillCell(col, value));
      }
    }
  }
}

/** The line under a step's heading: its state, times, reason, verdict. */
function stepSummary(
  step: Step,
  r: SessionRecord['state']['steps'][string],
  state: SessionRecord['state'],
  w: Words,
  reviewed: string[],
) {
  const estimate = step.estimateMinutes ?? step.groupEstimateMinutes;
  const parts = [`**${w.state[r.state] ?? r.state}**`];
  if (r.startedAt) parts.push(`${hms(r.startedAt)}–${r.endedAt ? hms(r.endedAt) : ''}`);
  if (r.startedAt && r.endedAt)
    parts.push(
      fill(w.duration, { d: span(r.endedAt - r.startedAt, w) }) +
        (estimate ? ` / ${fill(w.estimate, { n: estimate })}` : ''),
    );
  if (r.reason) parts.push(`${w.reason}: ${inline(r.reason, false)}`);
  if (r.override) parts.push(fill(w.override, { r: inline(r.override, false) }));
  const verdict = state.verdicts[step.id];
  if (verdict)
    parts.push(
      `${w.verdict}: ${verdict.level === 'ok' ? '✅' : verdict.level === 'warn' ? '⚠️' : '❌'} ${inline(verdict.criterion, false)}`,
    );
  parts.push(...reviewed);
  return `> tejun: ${parts.join(' · ')}`;
}

type Run = Extract<JournalEntry['event'], { type: 'command-run' }>;

/** A run under its command: when, exit code, verdict, and the last lines of its output. */
function runLines(run: Run, w: Words, maxOut: number): string[] {
  const cmp =
    run.comparison.result === 'match' ? w.match : run.comparison.result === 'mismatch' ? w.mismatch : w.notComparable;
  const out: string[] = ['', `> ${w.ran} ${hms(run.startedAt)} · ${fill(w.exit, { c: run.exitCode ?? '?' })} · ${cmp}`];
  const outLines = run.output.replace(/\s+$/, '').split('\n');
  if (run.output.trim()) {
    const shown = outLines.slice(-maxOut);
    out.push('', ...fenced(shown.join('\n')));
    if (shown.length < outLines.length || run.truncated)
      out.push(
        '',
        `> ${fill(w.outputTrimmed, { n: run.truncated ? `${outLines.length}+` : outLines.length, k: shown.length, f: run.transcript?.file ?? '-', a: run.transcript?.fromLine ?? '-', b: run.transcript?.toLine ?? '-' })}`,
      );
  }
  return out;
}

/** After the closing fence (endLine is the command's last line; the fence follows it). */
function afterFence(lines: string[], endLine: number): number {
  let close = endLine;
  while (close < lines.length && close < endLine + 3 && !/^\s*(`{3,}|~{3,})\s*$/.test(lines[close] ?? '')) close++;
  return /^\s*(`{3,}|~{3,})\s*$/.test(lines[close] ?? '') ? close + 1 : endLine;
}

export function filledMarkdown(rec: SessionRecord, opts: ExportOptions = {}): string {
  const { doc, state } = rec;
  const model = doc.model;
  const w: Words = WORDS[model.language];
  const redactor = opts.redactor ?? new Redactor();
  const maxOut = opts.outputLines ?? 20;
  const crlf = doc.text.includes('\r\n');
  const lines = doc.text.split(/\r?\n/);
  const after = new Map<number, string[]>();
  const addAfter = (line: number, text: string[]) => after.set(line, [...(after.get(line) ?? []), ...text]);
  const operator = state.operator;

  // Blanks: right to left on each line, so earlier columns stay where they were.
  const steps = allSteps(model);
  const byLine = new Map<number, { column: number; apply: (l: string) => string }[]>();
  const edit: EditAt = (line, column, apply) => byLine.set(line, [...(byLine.get(line) ?? []), { column, apply }]);
  fieldEdits(steps, state, w, edit);
  const tick = (cs: Confirmation[]) => {
    for (const c of cs) {
      const st = state.confirmations[c.id];
      if (st?.checked)
        edit(c.line, 0, (l) => {
          const ticked = l.replace(/\[ \]/, '[x]');
          return `${ticked} — ✓ ${hms(st.at)} ${operator}`;
        });
      tick(c.children);
    }
  };
  for (const s of steps) tick(s.confirmations);
  for (const c of model.checklists) tick(c.items);
  for (const e of placeholderEdits(model, state.variables, operator)) edit(e.line, e.column, e.apply);
  for (const [line, edits] of byLine) {
    let l = lines[line - 1];
    if (l === undefined) continue;
    for (const e of edits.sort((a, b) => b.column - a.column)) l = e.apply(l);
    lines[line - 1] = l;
  }

  // Steps and the commands run on them.
  const runsOf = new Map<string, Run[]>();
  for (const e of rec.entries)
    if (e.event.type === 'command-run')
      runsOf.set(e.event.commandId, [...(runsOf.get(e.event.commandId) ?? []), e.event]);
  const reviewed = reviewNotes(rec, w);
  for (const step of steps) {
    const r = state.steps[step.id];
    if (!r || r.state === 'pending') continue;
    addAfter(step.line, [
      '',
      stepSummary(step, r, state, w, reviewed.get(step.id) ?? []),
      ...((lines[step.line] ?? '').trim() ? [''] : []),
    ]);
    for (const c of step.commands) {
      for (const run of runsOf.get(c.id) ?? []) {
        const out = runLines(run, w, maxOut);
        const at = afterFence(lines, c.endLine);
        if ((lines[at] ?? '').trim()) out.push('');
        addAfter(at, out);
      }
    }
  }

  const body: string[] = [];
  lines.forEach((l, i) => {
    body.push(l);
    const extra = after.get(i + 1);
    if (extra) body.push(...extra);
  });
  const head = state.rehearsal ? [`> **${w.rehearsal}**`, ''] : [];
  const text = [...head, ...body, ...recordSection(rec, w, opts.signatures ?? [])].join(crlf ? '\r\n' : '\n');
  const redacted = redactor.redact(text);
  const n = redactor.total();
  return n ? `${redacted}${crlf ? '\r\n' : '\n'}> ${fill(w.redacted, { n })}${crlf ? '\r\n' : '\n'}` : redacted;
}

/** Per step: who confirmed or held it from their own machine, or that it ran without a checker and why. */
function reviewNotes(rec: SessionRecord, w: Words): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (stepId: string, line: string) => out.set(stepId, [...(out.get(stepId) ?? []), line]);
  const at = (time: string) => hms(sessionNow(rec.state, Date.parse(time))).slice(0, 5);
  for (const e of rec.entries) {
    const ev = e.event;
    if (ev.type === 'review-decision' && ev.signed.decision === 'confirm')
      add(ev.signed.stepId, fill(w.checkedBy, { n: inline(ev.signed.by, false), t: at(e.time) }));
    if (ev.type === 'review-decision' && ev.signed.decision === 'hold')
      add(
        ev.signed.stepId,
        fill(w.heldBy, { n: inline(ev.signed.by, false), t: at(e.time), r: inline(ev.signed.reason, false) }),
      );
    if (ev.type === 'review-override')
      add(ev.stepId, fill(w.reviewOverride, { n: inline(ev.by, false), t: at(e.time), r: inline(ev.reason, false) }));
  }
  return out;
}

const stepTitle = (rec: SessionRecord, id: string): string =>
  allSteps(rec.doc.model).find((s) => s.id === id)?.title ?? id;

const row = (cells: (string | number)[]) => `| ${cells.map((c) => inline(String(c), true)).join(' | ')} |`;

function decisionRows(rec: SessionRecord, w: Words): string[][] {
  const decisions: string[][] = [];
  for (const e of rec.entries) {
    const ev = e.event;
    const t = hms(Date.parse(e.time));
    if (ev.type === 'go-decision')
      decisions.push([t, `${w.go}: ${ev.decision.toUpperCase()}`, ev.reason || '—', ev.by, '—']);
    if (ev.type === 'gate') decisions.push([t, `${w.gate}: ${ev.healthy ? w.healthy : w.unhealthy}`, '—', ev.by, '—']);
    if (ev.type === 'decision') decisions.push([t, w.choice[ev.choice] ?? ev.choice, ev.reason, ev.by, ev.trigger]);
    if (ev.type === 'rollback-declare') decisions.push([t, w.rollbackDeclared, ev.reason, ev.by, '—']);
    if (ev.type === 'hotfix-result')
      decisions.push([t, `${w.hotfixResult}: ${ev.fixed ? w.fixed : w.notFixed}`, '—', ev.by, '—']);
    if (ev.type === 'target-override') {
      const what = fill(w.targetOverride, { kind: ev.kind, expected: ev.expected, actual: ev.actual || '—' });
      decisions.push([t, `${what} (${stepTitle(rec, ev.stepId)})`, ev.reason, ev.by, '—']);
    }
    if (ev.type === 'complete')
      decisions.push([t, `${w.outcome}: ${w.outcomes[ev.outcome] ?? ev.outcome}`, ev.note || '—', ev.by, '—']);
  }
  return decisions;
}

function timelineRows(rec: SessionRecord, w: Words): string[][] {
  const timeline: string[][] = [];
  const title = (id: string) => allSteps(rec.doc.model).find((s) => s.id === id)?.title ?? id;
  for (const e of rec.entries) {
    const ev = e.event;
    const t = hms(Date.parse(e.time));
    if (ev.type === 'step-start') timeline.push([t, `▶ ${title(ev.stepId)}`]);
    else if (ev.type === 'step-complete') timeline.push([t, `✓ ${title(ev.stepId)}`]);
    else if (ev.type === 'step-skip') timeline.push([t, `⤼ ${title(ev.stepId)} (${ev.reason})`]);
    else if (ev.type === 'step-fail') timeline.push([t, `✗ ${title(ev.stepId)} (${ev.reason})`]);
    else if (ev.type === 'timer-fired' && ev.kind !== 'progress-report') timeline.push([t, `⏰ ${ev.label}`]);
    else if (ev.type === 'decision') timeline.push([t, `⚖ ${w.choice[ev.choice] ?? ev.choice}: ${ev.reason}`]);
    else if (ev.type === 'complete') timeline.push([t, `■ ${w.outcomes[ev.outcome] ?? ev.outcome}`]);
    else if (ev.type === 'target-probed' && !ev.ok)
      timeline.push([
        t,
        `⛔ ${fill(w.targetWrong, { kind: ev.kind, expected: ev.expected, actual: ev.actual || '—' })}`,
      ]);
    else if (ev.type === 'sign-off')
      timeline.push([t, `✍ ${ev.role === 'operator' ? w.operator : w.approver}: ${ev.by}`]);
  }
  return timeline;
}

function signOffRows(state: SessionRecord['state'], w: Words, signatures: SignatureLine[]): string[] {
  const out: string[] = [];
  for (const role of ['operator', 'approver'] as const) {
    const signed = signatures.filter((s) => s.role === role);
    const journaled = state.signOffs.filter((s) => s.role === role);
    const label = role === 'operator' ? w.operator : w.approver;
    if (signed.length)
      for (const s of signed) out.push(row([label, s.name, dateTime(Date.parse(s.signedAt)), `\`${s.fingerprint}\``]));
    // The sign-off journaled with its key's fingerprint; the signature itself is in the bundle.
    else if (journaled.length)
      for (const s of journaled)
        out.push(row([label, s.by, dateTime(s.at), s.fingerprint ? `\`${s.fingerprint}\`` : w.notSigned]));
    else out.push(row([label, '______', '______', w.notSigned]));
  }
  return out;
}

function recordSection(rec: SessionRecord, w: Words, signatures: SignatureLine[]): string[] {
  const { state } = rec;
  const out = ['', '---', '', `## ${w.record}`, ''];
  if (state.rehearsal) out.push(`**${w.rehearsal}**`, '');
  out.push(
    `- ${w.session}: \`${rec.sessionId}\``,
    `- ${w.runbook}: ${rec.runbookName} (SHA-256 \`${rec.state.runbookSha256}\`)`,
    `- ${w.operator}: ${state.operator}`,
    `- ${w.outcome}: ${state.outcome ? (w.outcomes[state.outcome] ?? state.outcome) : (w.state.active ?? '')}`,
    `- ${w.started}: ${dateTime(state.releaseStartedAt ?? state.createdAt)}` +
      (state.completedAt ? ` · ${w.finished}: ${dateTime(state.completedAt)}` : ''),
    `- ${w.journal}: ${rec.entries.length} ${w.entries}, head \`${rec.journalHead}\``,
    `- ${fill(w.times, { tz: tzName() })}`,
    '',
  );
  const decisions = decisionRows(rec, w);
  if (decisions.length)
    out.push(
      `### ${w.decisions}`,
      '',
      row([w.time, w.decision, w.reason.charAt(0).toUpperCase() + w.reason.slice(1), w.by, w.trigger]),
      '|---|---|---|---|---|',
      ...decisions.map(row),
      '',
    );
  const notes = rec.entries.flatMap((e) =>
    e.event.type === 'note' || e.event.type === 'signed-note'
      ? [
          {
            t: hms(Date.parse(e.time)),
            by: e.event.by || state.operator,
            text: e.event.text,
            fp: e.event.type === 'signed-note' ? e.event.signature.fingerprint : undefined,
          },
        ]
      : [],
  );
  if (notes.length)
    out.push(
      `### ${w.notes}`,
      '',
      ...notes.map((n) => `- ${n.t} ${n.by}: ${inline(n.text, false)}${n.fp ? ` — ✍ \`${n.fp}\`` : ''}`),
      '',
    );
  const timeline = timelineRows(rec, w);
  if (timeline.length) out.push(`### ${w.timeline}`, '', row([w.time, w.event]), '|---|---|', ...timeline.map(row), '');
  if (state.shellCommandCount) out.push(fill(w.shellCommands, { n: state.shellCommandCount }), '');
  out.push(`### ${w.signoff}`, '', row([w.role, w.name, w.signedAt, w.fingerprint]), '|---|---|---|---|');
  out.push(...signOffRows(state, w, signatures));
  out.push('');
  return out;
}
