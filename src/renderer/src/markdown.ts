// Runbook Markdown to safe HTML: markdown-it with raw HTML off, then DOMPurify, then links made inert
// for navigation (they open outside the app). A hostile runbook executes nothing.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { splitFrontMatter } from '../../shared/frontMatter';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

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

export function renderRunbookHtml(text: string): string {
  hookLinks();
  return DOMPurify.sanitize(md.render(splitFrontMatter(text).body), { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'iframe'] });
}
