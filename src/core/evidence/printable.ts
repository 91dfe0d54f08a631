// Text from a bundle or a journal, made safe to print: a bundle is hostile input, and a terminal obeys
// escape codes. Control characters (C0, DEL, C1), bidi controls and invisible separators are shown
// escaped (`\x1b`, `\u202e`), so a title cannot paint a green "OK" over BROKEN or reorder a line.
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// C0, DEL, C1; the bidi marks, embeddings, overrides and isolates; zero-width and line/paragraph
// separators; the BOM; interlinear annotation and object replacement marks; lone surrogates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point here
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return (
    SHORT[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/** The text with every unprintable character written as its escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}
