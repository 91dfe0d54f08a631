// The timeline drawn as one SVG string: no script, no external reference, every text escaped, so the
// same picture goes inline into the live panel, the HTML/PDF export (CSP default-src 'none') and the
// rehearsal report. Colours are presentation attributes (light, for print) under class names the
// app's themes override.
import { scaleLinear } from 'd3-scale';
import type { ActualOutcome, MarkerKind, Timeline, TimelineRow } from './layout';
import { timelineWords, type TimelineLang } from './words';

const MIN = 60_000;
const W = 1000;
const LABEL = 300;
const RIGHT = 24;
const ROW = { phase: 30, step: 24 } as const;
const MARK_LANE = 16;

export const OUTCOME_COLOURS: Record<ActualOutcome, string> = {
  done: '#1a7f37',
  skipped: '#8c959f',
  failed: '#cf222e',
  overran: '#bc4c00',
  active: '#0969da',
};
const MARKER_COLOURS: Record<MarkerKind, string> = {
  go: '#1f2328',
  decision: '#8250df',
  rollback: '#cf222e',
  deadline: '#cf222e',
  'window-end': '#bc4c00',
  'progress-report': '#57606a',
  'point-of-no-return': '#8a5c00',
  now: '#0969da',
};

/** XML text: the five specials escaped, and the characters XML cannot carry at all dropped. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
  );
}

/** Cut a label to about `px` pixels at 12 px: wide (CJK) characters count as one em, others as half. */
export function fitLabel(text: string, px: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  let width = 0;
  for (let i = 0; i < chars.length; i++) {
    width += /[\u1100-\uffff]/.test(chars[i]!) ? 12 : 6.6;
    if (width > px) return `${chars.slice(0, Math.max(1, i - 1)).join('')}…`;
  }
  return chars.join('');
}

export function clock(ms: number): string {
  const m = Math.round(ms / MIN);
  const sign = m < 0 ? '−' : '+';
  const a = Math.abs(m);
  return `${sign}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
}

export interface SvgOptions {
  lang: TimelineLang;
  /** Prefix for the ids the title and description carry (unique per page). */
  idPrefix?: string;
}

type X = (t: number) => number;
type Attrs = Record<string, string | number | undefined>;

/** One element: attribute values escaped, children already SVG (escape text with escapeXml). */
function el(tag: string, attrs: Attrs, ...children: string[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return children.length ? `<${tag}${a}>${children.join('')}</${tag}>` : `<${tag}${a}/>`;
}
const title = (text: string) => el('title', {}, escapeXml(text));
const text = (attrs: Attrs, s: string) => el('text', { 'font-size': 12, fill: '#1f2328', ...attrs }, escapeXml(s));

function actualBar(row: TimelineRow, y: number, x: X, lang: TimelineLang): string[] {
  const a = row.actual!;
  const ax = x(a.start);
  const aw = Math.max(4, x(a.end) - ax);
  const colour = OUTCOME_COLOURS[a.outcome];
  const skipped = a.outcome === 'skipped' ? { 'stroke-dasharray': '3 2', 'fill-opacity': 0.35, stroke: '#57606a' } : {};
  const box = { x: ax, y: y + 11, width: aw, height: row.level === 'phase' ? 12 : 10, rx: 2 };
  const bar = el(
    'rect',
    { class: `tl-actual tl-${a.outcome}`, ...box, fill: colour, ...skipped },
    title(`${row.label}: ${timelineWords(lang).outcome[a.outcome]}`),
  );
  // Not by colour alone: a failed bar ends in ✕, an overrun one in !, a skipped one is dashed.
  const glyph = a.outcome === 'failed' ? '✕' : a.outcome === 'overran' ? '!' : '';
  const mark = glyph
    ? [
        text(
          { class: `tl-glyph tl-${a.outcome}-text`, x: ax + aw + 3, y: y + 20, 'font-weight': 700, fill: colour },
          glyph,
        ),
      ]
    : [];
  return [bar, ...mark];
}

function rowSvg(row: TimelineRow, y: number, x: X, lang: TimelineLang): string {
  const h = ROW[row.level];
  const w = timelineWords(lang);
  const indent = row.level === 'phase' ? 8 : 22;
  const parts = [
    text(
      { class: 'tl-text', x: indent, y: y + h / 2 + 4, 'font-weight': row.level === 'phase' ? 700 : undefined },
      fitLabel(row.label, LABEL - indent - 8),
    ),
  ];
  if (row.band) {
    const bx = x(row.band.start);
    const band = { class: 'tl-band', x: bx, y: y + 2, width: Math.max(2, x(row.band.end) - bx), height: h - 4 };
    parts.push(el('rect', { ...band, fill: '#8250df', 'fill-opacity': 0.18 }, title(w.band)));
  }
  if (row.planned) {
    const px = x(row.planned.start);
    const mins = Math.round((row.planned.end - row.planned.start) / MIN);
    const bar = { class: 'tl-planned', x: px, y: y + 3, width: Math.max(1, x(row.planned.end) - px), height: 6, rx: 2 };
    parts.push(el('rect', { ...bar, fill: '#afb8c1' }, title(`${w.planned}: ${w.minutes(mins)}`)));
  }
  if (row.actual) parts.push(...actualBar(row, y, x, lang));
  return el(
    'g',
    { class: `tl-row tl-row-${row.level}`, 'data-row': row.id, 'data-outcome': row.actual?.outcome ?? 'pending' },
    ...parts,
  );
}

function markerLabel(kind: MarkerKind, detail: string, lang: TimelineLang): string {
  const w = timelineWords(lang);
  if (kind === 'decision') return `${w.marker.decision}: ${w.choice[detail] ?? detail}`;
  if (kind === 'deadline') return `${w.marker.deadline} (${w.minutes(Number(detail))})`;
  return w.marker[kind];
}

function legend(y: number, lang: TimelineLang): string {
  const w = timelineWords(lang);
  const items: [string, string, string][] = [
    ['tl-planned', '#afb8c1', w.planned],
    ...(Object.keys(OUTCOME_COLOURS) as ActualOutcome[]).map((o): [string, string, string] => [
      `tl-${o}`,
      OUTCOME_COLOURS[o],
      w.outcome[o],
    ]),
    ['tl-band', '#8250df', w.band],
  ];
  let x = 8;
  const parts = items.map(([cls, colour, label]) => {
    const swatch = el('rect', {
      class: cls,
      x,
      y,
      width: 14,
      height: 10,
      rx: 2,
      fill: colour,
      'fill-opacity': cls === 'tl-band' ? 0.3 : undefined,
    });
    const s = swatch + text({ class: 'tl-text', x: x + 18, y: y + 9, 'font-size': 11 }, label);
    x += 30 + [...label].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 11 : 6.2), 0);
    return s;
  });
  return el('g', { class: 'tl-legend' }, ...parts);
}

function summary(t: Timeline, lang: TimelineLang): string {
  const steps = t.rows.filter((r) => r.level === 'step');
  const count = (o: ActualOutcome) => steps.filter((r) => r.actual?.outcome === o).length;
  return timelineWords(lang).summary(t.rows.length - steps.length, steps.length, count('failed'), count('overran'));
}

function markerSvg(
  m: Timeline['markers'][number],
  lane: number,
  axisY: number,
  bottom: number,
  x: X,
  t: Timeline,
  lang: TimelineLang,
): string {
  const mx = x(m.at);
  const colour = MARKER_COLOURS[m.kind];
  const label = markerLabel(m.kind, m.detail, lang);
  const report = m.kind === 'progress-report';
  const dash = report ? '2 3' : m.kind === 'deadline' || m.kind === 'window-end' ? '6 3' : undefined;
  const line = el(
    'line',
    {
      class: `tl-marker tl-marker-${m.kind}`,
      x1: mx,
      y1: report ? axisY : 4,
      x2: mx,
      y2: bottom,
      stroke: colour,
      'stroke-width': report ? 1 : 2,
      'stroke-dasharray': dash,
    },
    title(`${label} ${clock(m.at - t.origin)}`),
  );
  if (report) return el('g', { class: 'tl-mark', 'data-marker': m.kind }, line);
  const anchor = mx > W - 200 ? 'end' : 'start';
  const attrs = {
    class: `tl-marker-text tl-marker-${m.kind}-text`,
    x: anchor === 'end' ? mx - 4 : mx + 4,
    y: lane * MARK_LANE + 14,
  };
  const label2 = text({ ...attrs, 'font-size': 11, 'font-weight': 600, 'text-anchor': anchor, fill: colour }, label);
  return el('g', { class: 'tl-mark', 'data-marker': m.kind }, line, label2);
}

/** The timeline as a standalone, script-free SVG element. */
export function timelineSvg(t: Timeline, opts: SvgOptions): string {
  const w = timelineWords(opts.lang);
  const id = opts.idPrefix ?? 'tl';
  const labelled = t.markers.filter((m) => m.kind !== 'progress-report');
  const lanes = Math.min(6, Math.max(1, labelled.length));
  const axisY = lanes * MARK_LANE + 18;
  const scale = scaleLinear()
    .domain([0, Math.max(1, (t.end - t.origin) / MIN)])
    .range([LABEL, W - RIGHT])
    .nice();
  const last = scale.domain()[1]!;
  const x: X = (ms) => Math.round(scale(Math.min(last, Math.max(0, (ms - t.origin) / MIN))) * 10) / 10;
  let y = axisY + 8;
  const rows = t.rows.map((r) => {
    const s = rowSvg(r, y, x, opts.lang);
    y += ROW[r.level];
    return s;
  });
  const bottom = y + 4;
  const ticks = scale.ticks(8).map((m) => {
    const tx = Math.round(scale(m) * 10) / 10;
    const grid = el('line', {
      class: 'tl-grid',
      x1: tx,
      y1: axisY,
      x2: tx,
      y2: bottom,
      stroke: '#d0d7de',
      'stroke-width': 1,
    });
    return (
      grid +
      text(
        { class: 'tl-muted', x: tx, y: axisY - 4, 'font-size': 10, 'text-anchor': 'middle', fill: '#57606a' },
        clock(m * MIN),
      )
    );
  });
  const marks = t.markers.map((m) =>
    markerSvg(m, Math.max(0, labelled.indexOf(m)) % lanes, axisY, bottom, x, t, opts.lang),
  );
  const height = bottom + 28;
  const svg = {
    xmlns: 'http://www.w3.org/2000/svg',
    class: 'tl-svg',
    viewBox: `0 0 ${W} ${height}`,
    width: W,
    height,
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
    'font-family': "system-ui, 'Noto Sans CJK JP', sans-serif",
  };
  return el(
    'svg',
    svg,
    el('title', { id: `${id}-title` }, escapeXml(w.title)),
    el('desc', { id: `${id}-desc` }, escapeXml(summary(t, opts.lang))),
    el('rect', { class: 'tl-bg', x: 0, y: 0, width: W, height, fill: '#ffffff' }),
    ...ticks,
    ...rows,
    ...marks,
    legend(bottom + 10, opts.lang),
  );
}
