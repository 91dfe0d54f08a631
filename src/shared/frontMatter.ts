// YAML front matter (--- … --- at the very top) is metadata, not part of the procedure's text.
export interface FrontMatterSplit {
  /** The YAML between the fences, or null when there is none. */
  yaml: string | null;
  body: string;
  /** How many lines precede the body, so body line n is file line n + offset. */
  lineOffset: number;
}

export function splitFrontMatter(text: string): FrontMatterSplit {
  const m = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!m) return { yaml: null, body: text, lineOffset: 0 };
  const close = /^(---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(m[0].length);
  const end = close.exec(rest);
  if (!end) return { yaml: null, body: text, lineOffset: 0 };
  const yaml = rest.slice(0, end.index);
  const afterFence = rest.indexOf('\n', end.index);
  const body = afterFence < 0 ? '' : rest.slice(afterFence + 1);
  const lineOffset =
    text.length - body.length === 0 ? 0 : text.slice(0, text.length - body.length).split('\n').length - 1;
  return { yaml, body, lineOffset };
}
