// The heading outline of a runbook, with ids that stay the same across re-parses of the same text.
import MarkdownIt from 'markdown-it';
import { createHash } from 'node:crypto';
import { splitFrontMatter } from '../../shared/frontMatter';
import type { OutlineItem } from '../../shared/runbook';

const md = new MarkdownIt({ html: false });

/** Plain text of a heading: inline code and emphasis kept as text, markup dropped. */
export function inlineText(children: readonly { type: string; content: string }[] | null): string {
  if (!children) return '';
  return children
    .filter((c) => c.type === 'text' || c.type === 'code_inline')
    .map((c) => c.content)
    .join('')
    .trim();
}

/** An id from the heading path and the position among same-named siblings: stable while the text is. */
export function stableId(path: readonly string[], occurrence: number): string {
  const h = createHash('sha256').update(path.join('\u0000')).update(`#${occurrence}`).digest('hex');
  return `h-${h.slice(0, 12)}`;
}

export function buildOutline(text: string): OutlineItem[] {
  const { body, lineOffset } = splitFrontMatter(text);
  const tokens = md.parse(body, {});
  const items: OutlineItem[] = [];
  const stack: { level: number; text: string }[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'heading_open') continue;
    const level = Number(t.tag.slice(1));
    const label = inlineText(tokens[i + 1]?.children ?? null) || '(untitled)';
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    stack.push({ level, text: label });
    const path = stack.map((s) => s.text);
    const key = path.join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    items.push({ id: stableId(path, occurrence), level, text: label, line: (t.map?.[0] ?? 0) + 1 + lineOffset });
  }
  return items;
}
