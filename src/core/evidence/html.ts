// The filled-in procedure as one self-contained, printable HTML file: no script, no external
// resource, the CSS inline. Rendered from the (already redacted) Markdown export with raw HTML off,
// so a hostile runbook stays text. A rehearsal carries its mark on every printed page.
import MarkdownIt from 'markdown-it';
import { RECORD_WORDS } from '../../shared/i18n';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// An image would be a request for an external resource: its alt text stands in.
md.renderer.rules.image = (tokens, idx) => `[${md.utils.escapeHtml(tokens[idx]!.content || 'image')}]`;

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.6 system-ui, 'Noto Sans CJK JP', 'IPAGothic', 'Hiragino Sans', sans-serif; color: #1f2328; max-width: 980px; margin: 24px auto; padding: 0 24px; }
h1 { font-size: 1.7em; border-bottom: 2px solid #1f2328; padding-bottom: 4px; }
h2 { font-size: 1.35em; border-bottom: 1px solid #d0d7de; padding-bottom: 3px; margin-top: 1.8em; break-after: avoid; }
h3, h4 { break-after: avoid; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 0.95em; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; vertical-align: top; }
blockquote { margin: 6px 0; padding: 4px 12px; border-left: 4px solid #0969da; background: #f0f6ff; color: #1f2328; }
.rehearsal-mark { position: fixed; top: 0; left: 0; right: 0; text-align: center; background: #8a5c00; color: #fff; font-weight: 700; padding: 4px; letter-spacing: 0.2em; }
.rehearsal body, body.rehearsal { padding-top: 28px; }
footer { margin-top: 32px; color: #57606a; font-size: 12px; border-top: 1px solid #d0d7de; padding-top: 8px; }
.timeline svg { max-width: 100%; height: auto; }
.timeline { break-inside: avoid; }
@media print { .timeline svg { max-height: 175mm; width: auto; } body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface HtmlOptions {
  title: string;
  lang: 'ja' | 'en';
  rehearsal: boolean;
  footer: string;
  /** The planned-versus-actual timeline (shared/timeline/svg.ts: script-free, its text escaped), after the title. */
  timeline?: { heading: string; svg: string };
}

function withTimeline(body: string, t: HtmlOptions['timeline']): string {
  if (!t) return body;
  const figure = `<section class="timeline"><h2>${escape(t.heading)}</h2>${t.svg}</section>`;
  const at = body.indexOf('</h1>');
  return at < 0 ? figure + body : body.slice(0, at + 5) + figure + body.slice(at + 5);
}

export function filledHtml(markdown: string, opts: HtmlOptions): string {
  const mark = RECORD_WORDS[opts.lang].rehearsalMark;
  return [
    '<!doctype html>',
    `<html lang="${opts.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may load or run: the document is evidence, read anywhere, offline.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escape(opts.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    `<body${opts.rehearsal ? ' class="rehearsal"' : ''}>`,
    opts.rehearsal ? `<div class="rehearsal-mark">${escape(mark)}</div>` : '',
    withTimeline(md.render(markdown), opts.timeline),
    `<footer>${escape(opts.footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
