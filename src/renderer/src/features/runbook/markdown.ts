// Runbook Markdown to safe HTML: markdown-it with raw HTML off, then DOMPurify, then links made inert
// for navigation (they open outside the app). A hostile runbook executes nothing.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { splitFrontMatter } from '../../../../shared/frontMatter';
import { escapeChar, HIDDEN_CHAR } from '../../../../shared/hiddenChars';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Headings carry their source line, so the navigator can bring any step or phase into view.
md.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
  const t = tokens[idx]!;
  const offset = (env as { lineOffset?: number } | undefined)?.lineOffset ?? 0;
  if (t.map) t.attrSet('data-source-line', String(t.map[0] + 1 + offset));
  return self.renderToken(tokens, idx, options);
};

let hooked = false;
function hookLinks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!/^https?:\/\//i.test(href)) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

const HIDDEN_ALL = new RegExp(HIDDEN_CHAR.source, 'g');

/**
 * Control and bidi characters are drawn as marked escapes, as on the step card: a bidi override would
 * otherwise show `: # check disk` where the shell reads `touch …`.
 */
function markHidden(html: string): string {
  return html.replace(HIDDEN_ALL, (ch) => `<mark class="hidden-char">${escapeChar(ch)}</mark>`);
}

export function renderRunbookHtml(text: string): string {
  hookLinks();
  const { body, lineOffset } = splitFrontMatter(text);
  const html = markHidden(md.render(body, { lineOffset }));
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'iframe'] });
}
