// Read a runbook from disk or from bytes the browser sent, and describe it for the renderer.
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Diagnostic } from '../../shared/model';
import type { RunbookDoc } from '../../shared/runbook';
import { lintRunbook } from './lint';
import type { RoleOverrides } from './assignRoles';
import { parseRunbook } from './parse';
import { decodeRunbook } from './decode';
import { buildOutline } from './outline';
import { readRegularFile, RUNBOOK_READ } from '../files';

/** `roles`: block roles the operator corrected (by block id), kept with the session; the file is never changed. */
export function describeRunbook(bytes: Uint8Array, name: string, path?: string, roles?: RoleOverrides): RunbookDoc {
  const { text, encoding } = decodeRunbook(bytes, path ?? name);
  const outline = buildOutline(text);
  const model = parseRunbook(text, { name, roles });
  const diagnostics: Diagnostic[] = [...model.diagnostics, ...lintRunbook(model)];
  if (encoding !== 'utf-8') {
    diagnostics.push({
      line: 1,
      column: 1,
      code: 'encoding',
      severity: 'info',
      message: `${name} was decoded as ${encoding}. It opens as written; saving it as UTF-8 avoids surprises in other tools.`,
    });
  }
  const title = model.title || name;
  const doc: RunbookDoc = {
    name,
    title,
    language: model.language,
    encoding,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    text,
    outline,
    model,
    diagnostics: diagnostics.sort((a, b) => rank(a.severity) - rank(b.severity) || a.line - b.line),
  };
  if (path !== undefined) doc.path = path;
  return doc;
}

const rank = (s: Diagnostic['severity']): number => (s === 'error' ? 0 : s === 'warning' ? 1 : 2);

export async function readRunbookFile(path: string): Promise<RunbookDoc>;
export async function readRunbookFile(path: string, withBytes: true): Promise<{ doc: RunbookDoc; bytes: Uint8Array }>;
export async function readRunbookFile(
  path: string,
  withBytes = false,
): Promise<RunbookDoc | { doc: RunbookDoc; bytes: Uint8Array }> {
  const abs = resolve(path);
  const bytes = await readRegularFile(abs, RUNBOOK_READ);
  const doc = describeRunbook(bytes, basename(abs), abs);
  return withBytes ? { doc, bytes } : doc;
}
