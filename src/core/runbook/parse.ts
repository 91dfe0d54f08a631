// The runbook parser: text in, the model out. Pure (no I/O), linear in the size of the text.
// Sections are classified by their headings (phases, rollback, troubleshooting…); steps are the
// headings inside a phase that carry content.
import { parse as parseYaml } from 'yaml';
import { splitFrontMatter } from '../../shared/frontMatter';
import { translate } from '../../shared/i18n';
import {
  allSteps,
  type Contact,
  type Diagnostic,
  type EscalationLevel,
  type Metadata,
  type Phase,
  type Rollback,
  type Runbook,
  type Step,
  type Target,
  type Troubleshooting,
} from '../../shared/model';
import { assignRoles, foldLabelSections, type RoleOverrides } from './assignRoles';
import { parseBlocks, pathOf, plain, walk, type Block, type Section } from './blocks';
import { codeBlockOf, emptyContent, extract } from './extract';
import { inlineCommands } from './inline';
import { listSteps, proseSteps, type ListStep } from './listSteps';
import { normalizeDialects, splitTomlFrontMatter } from './dialects';
import { inheritTargets, targetsFromFrontMatter, targetsInBlocks } from './targets';
import { detectLanguage } from './language';
import { redactPatternDiagnostics } from './regexLint';
import { stableId } from './outline';
import { collectVariables } from './variables';
import {
  CHECKLIST_HEADING,
  COMPLETION_HEADING,
  labelKind,
  CONTACTS_HEADING,
  INFO_HEADING,
  parseDuration,
  PHASE_HEADING,
  PREREQUISITES_HEADING,
  ROLLBACK_CRITERIA_HEADING,
  ROLLBACK_DOCUMENT,
  ROLLBACK_HEADING,
  splitLabel,
  stepKindOf,
  TROUBLESHOOTING_HEADING,
} from './vocabulary';

/** A "checklist" heading over plain bullets with commands is a procedure, not a list of boxes to tick. */
function hasCheckboxes(sec: Section): boolean {
  return walk(sec).some((s) => s.blocks.some((b) => b.t === 'item' && b.checked !== null));
}

type Special = 'phase' | 'rollback' | 'troubleshooting' | 'prerequisites' | 'completion' | 'info' | 'checklist';

function classify(sec: Section): Special | null {
  const t = sec.title;
  if (PHASE_HEADING.test(t)) return 'phase';
  if (TROUBLESHOOTING_HEADING.test(t)) return 'troubleshooting';
  // "Restore" / "復元" alone is a rollback only when it is not one of the numbered forward steps ("3. Restore the dump").
  if (
    ROLLBACK_HEADING.test(t) &&
    !ROLLBACK_CRITERIA_HEADING.test(t) &&
    (ROLLBACK_DOCUMENT.test(t) || !STEP_TITLE.test(t))
  )
    return 'rollback';
  if (PREREQUISITES_HEADING.test(t)) return 'prerequisites';
  if (COMPLETION_HEADING.test(t)) return 'completion';
  if (INFO_HEADING.test(t)) return 'info';
  if (CHECKLIST_HEADING.test(t) && sec.level >= 2 && hasCheckboxes(sec)) return 'checklist';
  return null;
}

class IdMaker {
  private seen = new Map<string, number>();
  of(sec: Section, prefix: string): string {
    return this.ofPath(pathOf(sec), prefix);
  }
  ofPath(path: string[], prefix: string): string {
    const key = path.join('\u0000');
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return stableId([prefix, ...path], n).replace(/^h-/, `${prefix}-`);
  }
}

function hasContent(blocks: Block[]): boolean {
  return blocks.some(
    (b) =>
      b.t === 'fence' ||
      b.t === 'item' ||
      b.t === 'table' ||
      (b.t === 'para' && b.lines.some((l) => /_{3,}|[:：]/.test(l.text) || inlineCommands(l.text, false).length > 0)),
  );
}

interface Ctx {
  ids: IdMaker;
  diagnostics: Diagnostic[];
  diagrams: Runbook['diagrams'];
  contacts: Contact[];
  escalation: EscalationLevel[];
  timeLimit: { text: string; line: number } | null;
  /** The document's target (front matter), inherited by every step. */
  targets: Target[];
}

/** What a phase passes down to its steps while they are read. */
interface Holder {
  checkpoint: string | null;
  targets?: Target[];
}

const groupCache = new WeakMap<Section, ReturnType<typeof extract>>();
/** What a group heading says for all its steps (estimate, purpose, cautions), read once per group. */
function groupNotes(group: Section): ReturnType<typeof extract> {
  let g = groupCache.get(group);
  if (!g) {
    g = extract(group.blocks, 'g');
    groupCache.set(group, g);
  }
  return g;
}

function lastLineOf(blocks: Block[], fallback: number): number {
  let end = fallback;
  for (const b of blocks) {
    const last =
      b.t === 'fence'
        ? b.endLine
        : b.t === 'para'
          ? (b.lines[b.lines.length - 1]?.line ?? b.line)
          : b.t === 'item'
            ? (b.extra[b.extra.length - 1]?.line ?? b.line)
            : (b.rowLines[b.rowLines.length - 1] ?? b.line);
    end = Math.max(end, last);
  }
  return end;
}

/** The steps of one section: one, or one per item when the section is written as a list procedure. */
function makeSteps(sec: Section, blocks: Block[], group: Section | null, ctx: Ctx, phase: Holder): Step[] {
  const split = listSteps(blocks) ?? proseSteps(blocks);
  if (!split) return [makeStep(sec, blocks, group, ctx, phase)];
  const out: Step[] = [];
  if (split.lead.length) out.push(makeStep(sec, split.lead, group, ctx, phase));
  for (const ls of split.steps) out.push(makeStep(sec, ls.blocks, group, ctx, phase, ls));
  return out;
}

/**
 * One step from a section's own blocks, taking what its group heading said (estimate, cautions) as its own when it says
 * nothing.
 */
function makeStep(
  sec: Section,
  blocks: Block[],
  group: Section | null,
  ctx: Ctx,
  phase: Holder,
  item?: ListStep,
): Step {
  const id = item ? ctx.ids.ofPath([...pathOf(sec), item.title], 's') : ctx.ids.of(sec, 's');
  const ex = extract(blocks, id);
  if (ex.checkpoint) phase.checkpoint = ex.checkpoint;
  if (ex.timeLimit) ctx.timeLimit ??= ex.timeLimit;
  ctx.diagrams.push(...ex.diagrams);
  if (CONTACTS_HEADING.test(sec.title)) {
    ctx.contacts.push(...contactsFrom(blocks));
    if (!ctx.escalation.length) ctx.escalation = escalationFrom(blocks);
  }
  const step: Step = item
    ? {
        id,
        title: item.title,
        kind: stepKindOf(item.title),
        line: item.line,
        endLine: lastLineOf(blocks, item.line),
        group: sec.title,
        groupEstimateMinutes: null,
        ...ex.content,
        targets: [],
      }
    : {
        id,
        title: sec.title,
        kind: stepKindOf(sec.title),
        line: sec.line,
        endLine: sec.endLine,
        group: group?.title ?? null,
        groupEstimateMinutes: null,
        ...ex.content,
        targets: [],
      };
  step.targets = inheritTargets(
    phase.targets ?? ctx.targets,
    group ? targetsInBlocks(group.blocks) : [],
    targetsInBlocks(blocks),
  );
  if (group) {
    const g = groupNotes(group);
    step.groupEstimateMinutes = g.content.estimateMinutes;
    if (step.estimateMinutes === null && g.content.estimateMinutes !== null && group.children.length === 1)
      step.estimateMinutes = g.content.estimateMinutes;
    if (step.timeoutMinutes === null) step.timeoutMinutes = g.content.timeoutMinutes;
    if (step.purpose === null) step.purpose = g.content.purpose;
    step.cautions = [...g.content.cautions, ...step.cautions];
  }
  return step;
}

/** Steps of a phase-like section: every heading inside that carries content; a heading with children and
 *  only notes (estimate, purpose) is a group whose notes its steps inherit. */
function collectSteps(
  container: Section,
  ctx: Ctx,
  phase: Holder,
  skip: (s: Section) => boolean = () => false,
): Step[] {
  const steps: Step[] = [];
  if (hasContent(container.blocks) && container.children.length === 0)
    steps.push(...makeSteps(container, container.blocks, null, ctx, phase));
  else if (hasContent(container.blocks.filter((b) => b.t !== 'para')))
    steps.push(...makeSteps(container, container.blocks, null, ctx, phase));
  else {
    // Notes only (estimate, purpose, a checkpoint): read them so a checkpoint is not lost.
    const ex = extract(container.blocks, 'x');
    if (ex.checkpoint) phase.checkpoint = ex.checkpoint;
    if (ex.timeLimit) ctx.timeLimit ??= ex.timeLimit;
  }
  const visit = (sec: Section, group: Section | null): void => {
    if (skip(sec)) return;
    if (sec.children.length === 0) {
      steps.push(...makeSteps(sec, sec.blocks, group, ctx, phase));
      return;
    }
    if (hasContent(sec.blocks.filter((b) => b.t !== 'para')))
      steps.push(...makeSteps(sec, sec.blocks, group, ctx, phase));
    else {
      const ex = extract(sec.blocks, 'x');
      if (ex.checkpoint) phase.checkpoint = ex.checkpoint;
      if (ex.timeLimit) ctx.timeLimit ??= ex.timeLimit;
    }
    for (const c of sec.children) visit(c, sec);
  };
  for (const c of container.children) visit(c, null);
  return steps;
}

function makePhase(sec: Section, ctx: Ctx, nameOverride?: string): Phase {
  const m = PHASE_HEADING.exec(sec.title);
  let name = nameOverride ?? (m ? m[2]! : sec.title);
  let budget: number | null = null;
  const paren = /[（(]([^（）()]*)[）)]\s*$/.exec(name);
  if (paren) {
    budget = parseDuration(paren[1]!);
    name = name.slice(0, paren.index).trim();
  }
  const holder: Holder = { checkpoint: null, targets: inheritTargets(ctx.targets, targetsInBlocks(sec.blocks)) };
  const steps = collectSteps(sec, ctx, holder);
  return {
    id: ctx.ids.of(sec, 'p'),
    title: sec.title,
    name: name || sec.title,
    budgetMinutes: budget,
    line: sec.line,
    endLine: sec.endLine,
    checkpoint: holder.checkpoint,
    steps,
  };
}

function allBlocks(sec: Section): Block[] {
  const out: Block[] = [];
  for (const s of walk(sec)) for (const b of s.blocks) out.push(b);
  return out;
}

function makeRollback(sec: Section, ctx: Ctx): Rollback {
  const criteria: Rollback['criteria'] = [];
  const isCriteria = (s: Section): boolean => ROLLBACK_CRITERIA_HEADING.test(s.title);
  for (const s of walk(sec)) {
    if (s === sec || !isCriteria(s)) continue;
    for (const b of allBlocks(s)) if (b.t === 'item') criteria.push({ text: plain(b.text), line: b.line });
  }
  const before = ctx.timeLimit;
  ctx.timeLimit = null;
  const holder: Holder = { checkpoint: null, targets: inheritTargets(ctx.targets, targetsInBlocks(sec.blocks)) };
  const steps = collectSteps(sec, ctx, holder, isCriteria);
  const limit = (ctx.timeLimit as { text: string; line: number } | null) ?? timeLimitIn(allBlocks(sec));
  ctx.timeLimit = before;
  const phase: Phase = {
    id: ctx.ids.of(sec, 'p'),
    title: sec.title,
    name: sec.title,
    budgetMinutes: null,
    line: sec.line,
    endLine: sec.endLine,
    checkpoint: holder.checkpoint,
    steps,
  };
  return {
    line: sec.line,
    whole: false,
    criteria,
    timeLimitMinutes: limit ? parseDuration(limit.text) : null,
    timeLimitText: limit?.text ?? null,
    phases: steps.length ? [phase] : [],
  };
}

/** The rollback's 制限時間 may stand anywhere in the section, even under its criteria heading. */
function timeLimitIn(blocks: Block[]): { text: string; line: number } | null {
  for (const b of blocks) {
    const lines = b.t === 'para' ? b.lines : b.t === 'item' ? [{ text: b.text, line: b.line }] : [];
    for (const l of lines) {
      const lv = splitLabel(l.text);
      if (lv && labelKind(lv.label) === 'timeLimit') return { text: plain(lv.value), line: l.line };
    }
  }
  return null;
}

function makeTroubleshooting(sec: Section, ctx: Ctx): Troubleshooting[] {
  return sec.children.map((entry) => {
    const ex = extract(allBlocks(entry), ctx.ids.of(entry, 't'));
    const title = entry.title.replace(/^(問題|problem|issue)\s*\d*\s*[:：]\s*/i, '').trim();
    const commands = ex.content.commands;
    return {
      title,
      line: entry.line,
      symptom: ex.labelled.symptom ?? title,
      cause: ex.labelled.cause ?? '',
      remedy: ex.labelled.remedy ?? commands.map((c) => c.text).join('\n\n'),
      commands,
    };
  });
}

const ARROW = /\s*(?:→|->|⇒|＞|>)\s*/;
const MINUTES = /[（(]\s*(\d+)\s*(?:分|min(?:utes?)?)\s*[）)]/gi;

/**
 * The escalation chain as the seeds write it: a line of roles joined by arrows, with the minutes on
 * the line below (or after each role): `作業者 → リリース責任者 → CTO` / `（1分） （3分）`. The first
 * role is the operator, so the minutes belong to the roles after it.
 */
export function escalationFrom(blocks: Block[]): EscalationLevel[] {
  let fallback: EscalationLevel[] = [];
  const lines: { text: string; line: number }[] = [];
  for (const b of blocks) {
    if (b.t === 'para') lines.push(...b.lines);
    else if (b.t === 'fence' && !/^(bash|sh|shell|zsh|sql|mermaid|ya?ml|json)$/i.test(b.lang))
      b.text.split('\n').forEach((text, i) => lines.push({ text, line: b.line + 1 + i }));
    else if (b.t === 'item') lines.push({ text: b.text, line: b.line });
  }
  for (let i = 0; i < lines.length; i++) {
    const parts = lines[i]!.text.split(ARROW).map((x) => plain(x));
    if (parts.length < 3 || parts.some((x) => !x || x.length > 40)) continue;
    const inline = parts.map((x) => [...x.matchAll(MINUTES)].map((m) => Number(m[1]))[0] ?? null);
    const below = [...(lines[i + 1]?.text ?? '').matchAll(MINUTES)].map((m) => Number(m[1]));
    const roles = parts.map((x) => x.replace(MINUTES, '').trim());
    const minutes = inline.some((x) => x !== null) ? inline.slice(1) : below.length ? below : [];
    const chain = roles.slice(1).map((role, k) => ({ role, withinMinutes: minutes[k] ?? null, line: lines[i]!.line }));
    if (minutes.length) return chain;
    if (!fallback.length) fallback = chain;
  }
  return fallback;
}

function contactsFrom(blocks: Block[]): Contact[] {
  const out: Contact[] = [];
  for (const b of blocks) {
    if (b.t !== 'item') continue;
    const lv = splitLabel(b.text);
    if (!lv) continue;
    const phone = /(\+?\d[\d\- ]{6,}\d|\[電話番号\]|\[phone\])/i.exec(lv.value)?.[0] ?? '';
    out.push({ role: plain(lv.label), name: plain(lv.value.replace(phone, '')).trim(), phone, line: b.line });
  }
  return out;
}

const META_KEYS: [keyof Omit<Metadata, 'fields'>, RegExp][] = [
  ['version', /バージョン|version/i],
  ['window', /予定日時|実施日時|作業日時|メンテナンス|window|schedule|date/i],
  ['operator', /作業者|実施者|operator|作成者|author/i],
  ['approver', /承認者|approver|レビュー者|reviewer/i],
  ['category', /カテゴリ|分類|category/i],
];

function readMetadata(root: Section, sections: Section[], frontMatter: Record<string, unknown> | null): Metadata {
  const fields: Record<string, string> = {};
  const info = sections.find((s) => INFO_HEADING.test(s.title));
  const firstPhaseLine = sections.find((s) => PHASE_HEADING.test(s.title))?.line ?? Infinity;
  for (const s of info ? [info] : [root, ...root.children.slice(0, 1)]) {
    for (const b of s.blocks) {
      if (b.t === 'table' && b.headers.length === 2 && b.line < firstPhaseLine)
        for (const r of b.rows) fields[plain(r[0] ?? '')] = plain(r[1] ?? '');
      if (b.t === 'para' && b.quote && !/^⚠️/u.test(b.lines[0]?.text ?? ''))
        for (const l of b.lines) {
          const lv = splitLabel(l.text);
          if (lv) fields[plain(lv.label)] = plain(lv.value);
        }
    }
  }
  if (frontMatter)
    for (const [k, v] of Object.entries(frontMatter)) {
      if (typeof v === 'string' || typeof v === 'number') fields[k] = String(v);
      // A list of strings (e.g. `redact:` patterns) is kept as JSON.
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) fields[k] = JSON.stringify(v);
    }
  const meta: Metadata = { version: null, window: null, operator: null, approver: null, category: null, fields };
  for (const [key, re] of META_KEYS) {
    const hit = Object.keys(fields).find((k) => re.test(k));
    if (hit) meta[key] = fields[hit]!;
  }
  return meta;
}

function fenceDiagnostics(sections: Section[], lang: 'ja' | 'en', out: Diagnostic[]): void {
  for (const s of sections)
    for (const b of s.blocks) {
      if (b.t !== 'fence') continue;
      if (!b.closed)
        out.push({
          line: b.line,
          column: 1,
          code: 'unclosed-fence',
          severity: 'warning',
          message: translate(lang, 'diag.unclosedFence', { line: b.line }),
        });
      const inner = /^(`{3,}|~{3,})[a-z]+/m.exec(b.text);
      if (inner)
        out.push({
          line: b.line,
          column: 1,
          code: 'nested-fence',
          severity: 'warning',
          message: translate(lang, 'diag.nestedFence', { line: b.line, fence: inner[0] }),
        });
    }
}

const walkable = (p: Phase): boolean => p.steps.some((st) => st.confirmations.length || st.commands.length);

/** A phase of the steps written in a heading's own text (before its first sub-heading). */
function ownPhase(sec: Section, ctx: Ctx): Phase | null {
  if (!hasContent(sec.blocks)) return null;
  const holder = { checkpoint: null as string | null };
  const steps = makeSteps(sec, sec.blocks, null, ctx, holder);
  const phase: Phase = {
    id: ctx.ids.ofPath([...pathOf(sec), '#own'], 'p'),
    title: sec.title || '(untitled)',
    name: sec.title || '(untitled)',
    budgetMinutes: null,
    line: sec.line,
    endLine: lastLineOf(sec.blocks, sec.line),
    checkpoint: holder.checkpoint,
    steps,
  };
  return walkable(phase) ? phase : null;
}

/**
 * No phase headings: one phase per top section (the children of the title heading), plus the title heading's own
 * text when it holds steps; a document without headings is one phase. Phases with nothing to run or tick are left out.
 */
function fallbackPhases(root: Section, unclaimed: Section[], ctx: Ctx, claimed: Set<Section>): Phase[] {
  const titleH1 = unclaimed.find((s) => s.level === 1 && s.parent === root) ?? null;
  const top = unclaimed.filter((s) => s !== titleH1 && (s.parent === root || s.parent === titleH1));
  const out: { line: number; phase: Phase }[] = [];
  for (const o of titleH1 ? [root, titleH1] : [root]) {
    const p = ownPhase(o, ctx);
    if (p) out.push({ line: o.line, phase: p });
  }
  for (const s of top) {
    const holder = { checkpoint: null as string | null };
    const steps = collectSteps(s, ctx, holder, (x) => claimed.has(x));
    // "【手順6】ロードバランサへの組み込み" in words only (a console to click through) is still a step to walk.
    if (!steps.length && !s.children.length && STEP_TITLE.test(s.title))
      steps.push(makeStep(s, s.blocks, null, ctx, holder));
    const p: Phase = {
      id: ctx.ids.of(s, 'p'),
      title: s.title,
      name: s.title,
      budgetMinutes: null,
      line: s.line,
      endLine: s.endLine,
      checkpoint: holder.checkpoint,
      steps,
    };
    if (
      walkable(p) ||
      (steps.length && (STEP_TITLE.test(s.title) || steps.some((st) => st.blocks.some((b) => b.role !== 'other'))))
    )
      out.push({ line: s.line, phase: p });
  }
  // Steps without a command or box only walk alongside ones that have them: prose alone stays a reference.
  if (!out.some((x) => walkable(x.phase))) return [];
  return out.sort((a, b) => a.line - b.line).map((x) => x.phase);
}

/** Headings numbered as steps: "1.", "1-1.", "2)", "Step 3", "手順4", "ステップ5". */
const STEP_TITLE = /^(\d{1,3}([.-]\d{1,3})*[.)]?\s|\[?step\s*\d|[【[]?(手順|ステップ)\s*\d|[①-⑳])/i;

export interface ParseOptions {
  /** For messages: the file name as the operator knows it. */
  name?: string | undefined;
  /** Roles the operator corrected, by block id: the steps' commands and expected output follow them. */
  roles?: RoleOverrides | undefined;
}

export function parseRunbook(input: string, opts: ParseOptions = {}): Runbook {
  // CRLF and lone CR files read like LF ones; the line count stays.
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  const split = splitFrontMatter(text);
  const toml = split.yaml === null ? splitTomlFrontMatter(text) : null;
  const { yaml, lineOffset } = toml ? { yaml: null, lineOffset: toml.lines } : split;
  const body = normalizeDialects(toml ? text.split('\n').slice(toml.lines).join('\n') : split.body);
  const language = detectLanguage(text);
  const diagnostics: Diagnostic[] = [];
  // TOML front matter leaves no YAML to read.
  const frontMatter = toml ? toml.toml : readYamlFrontMatter(yaml, language, diagnostics);
  const { root } = parseBlocks(body, lineOffset);
  foldLabelSections(root);
  const fences = assignRoles(root, opts.roles);
  const ctx: Ctx = {
    ids: new IdMaker(),
    diagnostics,
    diagrams: [],
    contacts: [],
    escalation: [],
    timeLimit: null,
    targets: targetsFromFrontMatter(frontMatter, 2),
  };
  const sections = walk(root);
  const title = titleOf(frontMatter, sections);
  const found = claimSections(root, sections, title, ctx);
  escalationOutsideContacts(root, ctx);
  const { phases, kind } = phasesAndKind(found, root, ctx);
  const model: Runbook = {
    title,
    language,
    kind,
    metadata: readMetadata(root, sections, frontMatter),
    variables: [],
    prerequisites: found.prerequisites,
    phases,
    completion: found.completion,
    rollback: found.rollback,
    troubleshooting: found.troubleshooting,
    contacts: ctx.contacts,
    escalation: ctx.escalation,
    checklists: found.checklists,
    templates: [],
    diagrams: ctx.diagrams,
    blocks: [],
    targets: ctx.targets,
    diagnostics,
  };
  fillDerived(model, text, frontMatter, fences);
  documentDiagnostics(text, kind, language, diagnostics);
  fenceDiagnostics(sections, language, diagnostics);
  return model;
}

/** The YAML front matter as an object (null when absent or not a mapping); its errors and bad `redact:` patterns
 *  become diagnostics. */
function readYamlFrontMatter(
  yaml: string | null,
  language: Runbook['language'],
  diagnostics: Diagnostic[],
): Record<string, unknown> | null {
  if (yaml === null) return null;
  let frontMatter: Record<string, unknown> | null = null;
  try {
    const v = parseYaml(yaml, { maxAliasCount: 50 }) as unknown;
    frontMatter = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch (err) {
    diagnostics.push({
      line: 2,
      column: 1,
      code: 'front-matter',
      severity: 'error',
      message: translate(language, 'diag.frontMatter', { error: (err as Error).message.split('\n')[0]! }),
    });
  }
  const redact = frontMatter?.['redact'];
  const list: unknown[] = typeof redact === 'string' ? [redact] : Array.isArray(redact) ? redact : [];
  const patterns = list.filter((x): x is string => typeof x === 'string');
  diagnostics.push(...redactPatternDiagnostics(patterns, yaml, language));
  return frontMatter;
}

function titleOf(frontMatter: Record<string, unknown> | null, sections: Section[]): string {
  return (
    (typeof frontMatter?.title === 'string' && frontMatter.title) ||
    sections.find((s) => s.level === 1)?.title ||
    sections[1]?.title ||
    ''
  );
}

/** What the classified sections gave; the rest is unclaimed, for the phases of a document without phase headings. */
interface Claimed {
  prerequisites: Step | null;
  phases: Phase[];
  completion: Phase | null;
  rollback: Rollback | null;
  troubleshooting: Troubleshooting[];
  checklists: Runbook['checklists'];
  unclaimed: Section[];
  claimed: Set<Section>;
}

function claimSections(root: Section, sections: Section[], title: string, ctx: Ctx): Claimed {
  const found: Claimed = {
    prerequisites: null,
    phases: [],
    completion: null,
    rollback: null,
    troubleshooting: [],
    checklists: [],
    unclaimed: [],
    claimed: new Set<Section>(),
  };
  // A document titled as a rollback / downgrade / failback is itself the rollback: walk it as the procedure.
  const titleSection = sections.find((s) => s.level === 1) ?? null;
  const wholeRollback = ROLLBACK_DOCUMENT.test(title) && !ROLLBACK_CRITERIA_HEADING.test(title);
  const visit = (sec: Section): void => {
    const kind = wholeRollback && (sec === titleSection || classify(sec) === 'rollback') ? null : classify(sec);
    if (kind) found.claimed.add(sec);
    if (kind) claimAs(kind, sec, found, ctx);
    else {
      readUnclaimed(sec, ctx);
      if (sec.level > 0) found.unclaimed.push(sec);
      for (const c of sec.children) visit(c);
    }
  };
  visit(root);
  if (wholeRollback && !found.rollback)
    found.rollback = {
      line: titleSection?.line ?? 1,
      whole: true,
      criteria: [],
      timeLimitMinutes: null,
      timeLimitText: null,
      phases: [],
    };
  return found;
}

/** The first section of a kind counts for prerequisites, completion and rollback; every one for the others. */
function claimAs(kind: Special, sec: Section, found: Claimed, ctx: Ctx): void {
  switch (kind) {
    case 'phase':
      found.phases.push(makePhase(sec, ctx));
      return;
    case 'rollback':
      found.rollback ??= makeRollback(sec, ctx);
      return;
    case 'troubleshooting':
      found.troubleshooting.push(...makeTroubleshooting(sec, ctx));
      return;
    case 'prerequisites':
      found.prerequisites ??= makePrerequisites(sec, ctx);
      return;
    case 'completion':
      found.completion ??= makePhase(sec, ctx, sec.title);
      return;
    case 'checklist':
      found.checklists.push(...makeChecklists(sec, ctx));
      return;
    case 'info':
      return;
  }
}

function makePrerequisites(sec: Section, ctx: Ctx): Step {
  const id = ctx.ids.of(sec, 's');
  const ex = extract(allBlocks(sec), id);
  const step: Step = {
    id,
    title: sec.title,
    kind: 'plain',
    line: sec.line,
    endLine: sec.endLine,
    group: null,
    groupEstimateMinutes: null,
    ...ex.content,
    targets: inheritTargets(ctx.targets, targetsInBlocks(sec.blocks)),
  };
  ctx.diagrams.push(...ex.diagrams);
  return step;
}

/** One checklist per sub-heading (or the section itself) that has boxes to tick. */
function makeChecklists(sec: Section, ctx: Ctx): Runbook['checklists'] {
  const out: Runbook['checklists'] = [];
  for (const c of sec.children.length ? sec.children : [sec]) {
    const ex = extract(allBlocks(c), ctx.ids.of(c, 'l'));
    if (ex.content.confirmations.length) out.push({ title: c.title, line: c.line, items: ex.content.confirmations });
  }
  return out;
}

/** A section of no special kind still gives its contacts, its escalation chain and its diagrams. */
function readUnclaimed(sec: Section, ctx: Ctx): void {
  if (CONTACTS_HEADING.test(sec.title)) {
    ctx.contacts.push(...contactsFrom(allBlocks(sec)));
    if (!ctx.escalation.length) ctx.escalation = escalationFrom(allBlocks(sec));
  }
  for (const b of sec.blocks)
    if (b.t === 'fence' && b.lang === 'mermaid') ctx.diagrams.push({ kind: 'mermaid', text: b.text, line: b.line });
}

/** A chain written outside a contacts section (or where broken fences hid the heading) still counts
 *  when it carries its minutes: arrows alone are too common to be read as escalation. */
function escalationOutsideContacts(root: Section, ctx: Ctx): void {
  if (ctx.escalation.length) return;
  const found = escalationFrom(allBlocks(root));
  if (found.some((l) => l.withinMinutes !== null)) ctx.escalation = found;
}

/** Without phase headings the phases come from the unclaimed sections, and the document is a procedure or a
 *  checklist by whether commands or boxes to tick dominate. */
function phasesAndKind(found: Claimed, root: Section, ctx: Ctx): { phases: Phase[]; kind: Runbook['kind'] } {
  const phases = found.phases;
  if (phases.length) return { phases, kind: 'procedure' };
  phases.push(...fallbackPhases(root, found.unclaimed, ctx, found.claimed));
  const steps = phases.flatMap((p) => p.steps);
  const commands = steps.reduce((n, st) => n + st.commands.length, 0);
  const boxes = steps.reduce((n, st) => n + st.confirmations.length, 0);
  if (!phases.length) return { phases, kind: 'reference' };
  return { phases, kind: commands > 0 && commands >= boxes ? 'procedure' : 'checklist' };
}

/** What is read off the finished model: its templates, its variables, and the code blocks with their steps. */
function fillDerived(
  model: Runbook,
  text: string,
  frontMatter: Record<string, unknown> | null,
  fences: ReturnType<typeof assignRoles>,
): void {
  model.templates = [
    ...(model.prerequisites ? [model.prerequisites] : []),
    ...model.phases.flatMap((p) => p.steps),
    ...(model.completion?.steps ?? []),
    ...(model.rollback?.phases.flatMap((p) => p.steps) ?? []),
  ].flatMap((s) => s.templates);
  model.variables = collectVariables(text, model, frontMatter);
  const stepOf = new Map<string, string>();
  for (const st of allSteps(model)) for (const b of st.blocks) stepOf.set(b.id, st.id);
  model.blocks = fences.map((f) => codeBlockOf(f, stepOf.get(f.id ?? '') ?? null));
}

function documentDiagnostics(
  text: string,
  kind: Runbook['kind'],
  language: Runbook['language'],
  out: Diagnostic[],
): void {
  if (text.trim() === '')
    out.push({
      line: 1,
      column: 1,
      code: 'empty',
      severity: 'error',
      message: translate(language, 'diag.empty'),
    });
  else if (kind === 'reference')
    out.push({
      line: 1,
      column: 1,
      code: 'no-runnable-steps',
      severity: 'warning',
      message: translate(language, 'diag.noRunnableSteps'),
    });
}

export { emptyContent };
