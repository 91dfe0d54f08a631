// People by role: a runbook's `[氏名]` / `<phone>` placeholders belong to the role that labels them
// (variables named `リリース責任者.氏名`). These turn a contact's placeholders into the session's values,
// and group the role variables into one contacts table to fill once.
import type { Contact, Variable } from './model';

const PLACEHOLDER = /^\s*(?:\[([^\]]{1,30})\]|<([^>]{1,30})>)\s*$/;

/** A contact's name or phone as the session knows it: the role's variable when it is a placeholder. */
export function personValue(role: string, raw: string, values: Readonly<Record<string, string>>): string {
  const m = PLACEHOLDER.exec(raw);
  if (!m) return raw;
  return values[`${role}.${m[1] ?? m[2]}`]?.trim() ?? '';
}

export function resolveContact(c: Contact, values: Readonly<Record<string, string>>): { name: string; phone: string } {
  return { name: personValue(c.role, c.name, values), phone: personValue(c.role, c.phone, values) };
}

/** A number a phone can dial, for a tel: link; null when the text holds no number. */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '');
  return /\d{3,}/.test(digits) ? `tel:${digits}` : null;
}

export interface RoleRow {
  role: string;
  /** The words under this role (氏名, 電話番号, name, phone), each with its variable. */
  cells: { word: string; variable: Variable }[];
}

/** The role variables as rows of a contacts table, in the order they first occur; other variables aside. */
export function contactsTable(vars: readonly Variable[]): { rows: RoleRow[]; words: string[]; rest: Variable[] } {
  const rows = new Map<string, RoleRow>();
  const words: string[] = [];
  const rest: Variable[] = [];
  for (const v of vars) {
    const dot = v.name.lastIndexOf('.');
    if (dot <= 0 || v.source !== 'placeholder') {
      rest.push(v);
      continue;
    }
    const role = v.name.slice(0, dot);
    const word = v.name.slice(dot + 1);
    if (!rows.has(role)) rows.set(role, { role, cells: [] });
    rows.get(role)!.cells.push({ word, variable: v });
    if (!words.includes(word)) words.push(word);
  }
  return { rows: [...rows.values()], words, rest };
}
