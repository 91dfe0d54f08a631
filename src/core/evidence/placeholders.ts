// The filled-in procedure says who and which version: every placeholder in the prose that the session
// has a value for (`v[X.X.X]`, the 作業者's `[氏名]`, a role's `[電話番号]`) shows that value. Secret
// values and command text are left as written (the command runs are recorded under each command).
import type { Runbook } from '../../shared/model';

export interface LineEdit {
  line: number;
  column: number;
  apply: (l: string) => string;
}

const OPERATOR_ROLE = /^(作業者|作業担当者|担当者|operator)\.(氏名|名前|name)$/i;

export function placeholderEdits(
  model: Runbook,
  values: Readonly<Record<string, string>>,
  operator: string,
): LineEdit[] {
  const commandLines = new Set<number>();
  for (const s of [...model.phases.flatMap((p) => p.steps), ...(model.rollback?.phases.flatMap((p) => p.steps) ?? [])])
    for (const c of s.commands) for (let l = c.line; l <= c.endLine; l++) commandLines.add(l);
  const edits: LineEdit[] = [];
  for (const v of model.variables) {
    if (v.secret || v.source !== 'placeholder') continue;
    const value = (values[v.name]?.trim() || (OPERATOR_ROLE.test(v.name) ? operator : '')).replace(/\r?\n/g, ' ');
    if (!value) continue;
    for (const o of v.occurrences) {
      if (commandLines.has(o.line)) continue;
      const shown = v.name === 'VERSION' && o.text.startsWith('v') && !value.startsWith('v') ? `v${value}` : value;
      edits.push({
        line: o.line,
        column: o.column,
        apply: (l) => {
          const at = o.column - 1;
          return l.slice(at).startsWith(o.text) ? l.slice(0, at) + shown + l.slice(at + o.text.length) : l;
        },
      });
    }
  }
  return edits;
}
