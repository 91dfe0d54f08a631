// A session folder holds what the operator's commands printed and the secrets they typed: owner-only.
// Folders 0700, files 0600 (the rehearsal's shims keep their owner's execute bit). A folder made by
// an older tejun, or copied in by hand, is checked on open and tightened, with a warning in the log.
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

export interface TightenOptions {
  /** Every file exactly 0600 (a copy handed on as evidence needs no executables). */
  exact?: boolean;
  /** How deep to go; a session folder is shallow, a hostile one could be deep. */
  maxDepth?: number;
}

/** Take group and other bits off everything under `dir` (symbolic links are left alone); returns what changed. */
export function tightenTree(dir: string, opts: TightenOptions = {}): string[] {
  const changed: string[] = [];
  walk(dir, opts.maxDepth ?? 8, opts.exact ?? false, changed);
  return changed;
}

function walk(path: string, depth: number, exact: boolean, changed: string[]): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  const mode = st.mode & 0o777;
  // Only ever tighter: group and other bits go; the owner's stay (exact: a copy's are set outright).
  const want = exact ? (st.isDirectory() ? PRIVATE_DIR : PRIVATE_FILE) : mode & 0o700;
  if (mode !== want) {
    chmodSync(path, want);
    changed.push(path);
  }
  if (st.isDirectory() && depth > 0)
    for (const name of readdirSync(path)) walk(join(path, name), depth - 1, exact, changed);
}
