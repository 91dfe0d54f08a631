// Read a runbook from disk or from bytes the browser sent, and describe it for the renderer.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { TejunError } from '../../shared/errors';
import type { Diagnostic } from '../../shared/model';
import { MAX_RUNBOOK_BYTES, type RunbookDoc } from '../../shared/runbook';
import { lintRunbook } from './lint';
import type { RoleOverrides } from './assignRoles';
import { parseRunbook } from './parse';
import { decodeRunbook, tooLarge } from './decode';
import { buildOutline } from './outline';

/** `roles`: block roles the operator corrected (by block id), kept with the session; the file is never changed. */
export function describeRunbook(bytes: Uint8Array, name: string, path?: string, roles?: RoleOverrides): RunbookDoc {
  const { text, encoding } = decodeRunbook(bytes, path ?? name);
  const outline = buildOutline(text);
  const model = parseRunbook(text, { name, roles });
  const diagnostics: Diagnostic[] = [...model.diagnostics, ...lintRunbook(model)];
  if (encoding !== 'utf-8') {
    diagnostics.push({ line: 1, column: 1, code: 'encoding', severity: 'info', message: `${name} was decoded as ${encoding}. It opens as written; saving it as UTF-8 avoids surprises in other tools.` });
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

/** Read at most the size limit plus one byte, so a huge file is refused without being read whole. */
export async function readRunbookFile(path: string): Promise<RunbookDoc>;
export async function readRunbookFile(path: string, withBytes: true): Promise<{ doc: RunbookDoc; bytes: Uint8Array }>;
export async function readRunbookFile(path: string, withBytes = false): Promise<RunbookDoc | { doc: RunbookDoc; bytes: Uint8Array }> {
  const abs = resolve(path);
  let handle;
  try {
    handle = await open(abs, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String(code ?? err);
    throw new TejunError(code === 'ENOENT' ? 'NOT_FOUND' : 'RUNBOOK_UNREADABLE', `${abs}: cannot open the runbook (${why}). Check the path and try again.`, { file: abs });
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new TejunError('RUNBOOK_UNREADABLE', `${abs}: this is a folder; choose the runbook file inside it.`, { file: abs });
    if (st.size > MAX_RUNBOOK_BYTES) throw tooLarge(abs, st.size);
    // Special files report size 0, so the read stays capped just above the limit either way.
    const cap = MAX_RUNBOOK_BYTES + 1;
    const buf = Buffer.alloc(st.size > 0 ? Math.min(cap, st.size + 1) : cap);
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const bytes = buf.subarray(0, filled);
    const doc = describeRunbook(bytes, basename(abs), abs);
    return withBytes ? { doc, bytes } : doc;
  } finally {
    await handle.close();
  }
}
