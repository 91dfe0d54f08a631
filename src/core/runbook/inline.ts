// Commands written as inline code in prose: "1. Run `kubectl drain node-1`", "`sudo systemctl restart x` を実行します",
// or a list item that is nothing but the code span. Always inferred: the operator sees that on the card.
import { isCommandLine } from './shapes';

const SPAN = /`([^`\n]{2,400})`/g;
const RUN_WORDS =
  /\b(run|running|execute|executing|type|issue|enter|invoke|launch)\b|実行|叩|入力|打ち込|打って|流し|走らせ/i;
const NEGATED =
  /\b(do not|don't|never|avoid|instead of)\s+(run|execute|use)|実行しない|実行せず|実行禁止|実行してはいけ/i;

export interface InlineCommand {
  text: string;
  /** 1-based column of the code span's first character. */
  column: number;
  /** Why it reads as a command, for the step card and `tejun parse`. */
  why: string;
}

/** A span reads as a command once it is the object of a run verb: a known tool, a path, or a tool with arguments. */
function commandish(span: string, withVerb: boolean): boolean {
  const t = span.trim();
  if (isCommandLine(t)) return true;
  return (
    withVerb &&
    /^(sudo\s+)?[a-z][\w.-]{1,40}(\s+[^\s]+){1,30}$/.test(t) &&
    !/^[a-z][\w.-]*\s+(is|are|was|were|and|or|of|the|to)\b/.test(t)
  );
}

/** "apply it with `x`", "`x` で確認", "`x` して再起動", "until `x` reports …": the span is what one runs. */
const NEAR_BEFORE = /\b(with|using|via|by running|by|from)\s{1,3}$/i;
const NEAR_AFTER = /^\s{0,2}(で|して|し、|reports|returns|shows|prints|says|lists|outputs|succeeds|completes)/;

/** "Create the branch: `git switch -c x`": a span after a colon that ends the line. */
const TRAILING_SPAN = /[:：]\s{0,4}`[^`\n]{2,400}`\s{0,4}[.。]?\s{0,4}$/;

/**
 * Commands in one line of prose. `wholeItem`: the line is a whole list item; `inItem`: it is (part of) a list item,
 * where a known tool with arguments counts even without a verb ("Push the tag with `git push origin v1`").
 */
export function inlineCommands(text: string, wholeItem: boolean, inItem = false): InlineCommand[] {
  if (!text.includes('`') || text.length > 2000 || NEGATED.test(text)) return [];
  const spans = [...text.matchAll(SPAN)];
  if (!spans.length) return [];
  const rest = text.replace(SPAN, '').replace(/[\s:：.。、,;!]/g, '');
  const alone = wholeItem && rest === '';
  const verb = RUN_WORDS.test(text);
  const trailing = TRAILING_SPAN.test(text);
  const out: InlineCommand[] = [];
  for (const m of spans) {
    const span = m[1]!.trim();
    const at = m.index ?? 0;
    const near =
      NEAR_BEFORE.test(text.slice(Math.max(0, at - 24), at)) ||
      NEAR_AFTER.test(text.slice(at + m[0].length, at + m[0].length + 16));
    if (!alone && !verb && !trailing && !inItem && !near) continue;
    // Without a verb, a span needs arguments to read as a command, unless it is a program by path (`./bin/x`).
    const ok =
      verb || alone
        ? commandish(span, true)
        : (/\s/.test(span) || /^\.{1,2}\/[\w.-]/.test(span)) && isCommandLine(span);
    const why = alone
      ? 'a list item that is only inline code'
      : verb
        ? 'inline code that the sentence says to run'
        : trailing
          ? 'inline code closing a "do this:" line'
          : 'inline code naming a tool with arguments';
    if (ok) out.push({ text: span, column: at + 2, why });
  }
  return out;
}
