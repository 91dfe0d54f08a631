// Turn a runbook file's bytes into text, or say exactly why not. Japanese teams often save as Shift_JIS.
import { TejunError } from '../../shared/errors';
import { MAX_RUNBOOK_BYTES } from '../../shared/runbook';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'euc-jp';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The first NUL in the first 8 KiB marks a binary file (UTF-16 is recognised by its BOM before this). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export function tooLarge(file: string, size: number): TejunError {
  const mb = (size / 1024 / 1024).toFixed(1);
  return new TejunError(
    'RUNBOOK_TOO_LARGE',
    `${file}: the file is ${mb} MB; tejun opens runbooks up to ${MAX_RUNBOOK_BYTES / 1024 / 1024} MB. Split the procedure, or check that this is the right file.`,
    { file },
  );
}

export function decodeRunbook(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length > MAX_RUNBOOK_BYTES) throw tooLarge(file, bytes.length);
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: tryDecode('utf-16le', bytes.subarray(2)) ?? '', encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: tryDecode('utf-16be', bytes.subarray(2)) ?? '', encoding: 'utf-16be' };
  if (looksBinary(bytes)) {
    throw new TejunError(
      'RUNBOOK_BINARY',
      `${file}: this is a binary file, not a Markdown procedure. Open the .md or .txt file the team wrote.`,
      { file },
    );
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: utf8.decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: try the encodings Japanese teams actually use, strictest first.
  }
  for (const enc of ['shift_jis', 'euc-jp'] as const) {
    const text = tryDecode(enc, bytes);
    if (text !== null) return { text, encoding: enc };
  }
  const at = firstInvalidUtf8(bytes);
  throw new TejunError(
    'RUNBOOK_UNREADABLE',
    `${file}: line ${at.line}: the text is neither UTF-8 nor Shift_JIS/EUC-JP. Save the file as UTF-8 and open it again.`,
    { file, line: at.line },
  );
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      if (tryDecode('utf-8', bytes.subarray(lineStart, i)) === null) return { line };
      line++;
      lineStart = i + 1;
    }
  }
  return { line };
}
