// Block roles the operator corrected, kept per runbook hash in <data>/corrections, so the next session of the
// same runbook starts with them (and journals them). The runbook file itself is never changed.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BlockRole } from '../../shared/model';
import { fsyncDir, writeDurable } from './journal';

const Saved = z.record(z.string().max(200), BlockRole);
const HASH = /^[0-9a-f]{64}$/;
/** A runbook has a few hundred blocks at most; a file bigger than this was not written by tejun. */
const MAX_BYTES = 256 * 1024;

const folder = (dataDir: string): string => join(dataDir, 'corrections');

/** The corrections kept for this hash; a missing, damaged or foreign file gives none (they are a convenience). */
export function readCorrections(dataDir: string, sha256: string): Record<string, BlockRole> {
  if (!HASH.test(sha256)) return {};
  try {
    const text = readFileSync(join(folder(dataDir), `${sha256}.json`), 'utf8');
    if (text.length > MAX_BYTES) return {};
    const r = Saved.safeParse(JSON.parse(text));
    return r.success ? r.data : {};
  } catch {
    return {};
  }
}

/** Written whole (temporary file, fsync, rename), readable by this user only. */
export async function saveCorrections(
  dataDir: string,
  sha256: string,
  roles: Record<string, BlockRole>,
): Promise<void> {
  if (!HASH.test(sha256)) return;
  const dir = folder(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeDurable(join(dir, `${sha256}.json`), `${JSON.stringify(roles, null, 2)}\n`, 0o600);
  fsyncDir(dir);
}
