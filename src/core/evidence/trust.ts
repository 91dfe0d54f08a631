// The trust list: the signing keys the team accepts, each with the person's name and roles as the
// team wrote them. Only files on the verifier's machine count: the data folder's trust.yaml,
// `--trust FILE`, and the team file a runbook names (`trust: ./team-signers.yaml`) when that runbook
// is the verifier's own copy. A bundle carries its runbook, so a trust file it names is never read
// from the bundle: a bundle cannot vouch for itself.
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { splitFrontMatter } from '../../shared/frontMatter';
import { confusable, mixedScript, normalName } from './names';
import { printable } from './printable';
import type { Role } from './entrySignature';

export const TRUST_FILE = 'trust.yaml';
const MAX_BYTES = 1024 * 1024;

export const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
const Entry = z
  .object({
    name: z.string().trim().min(1).max(200),
    fingerprint: z.string().regex(FINGERPRINT, 'a key fingerprint as tejun prints it: SHA256: and 43 characters'),
    roles: z.array(z.enum(['operator', 'approver'])).min(1),
  })
  .strict();
const TrustFile = z.object({ signers: z.array(Entry) }).strict();

export interface TrustedSigner {
  /** NFC, as the trust list spells it. */
  name: string;
  roles: Role[];
  fingerprint: string;
  source: string;
}

export interface TrustList {
  sources: string[];
  signers: Map<string, TrustedSigner>;
  /** Look-alike or mixed-script names in the list itself: shown, never silently accepted. */
  warnings: string[];
}

export class TrustError extends Error {}

/** A small regular file, read without blocking on a FIFO or a device. */
function readSmallFile(file: string): string {
  if (!existsSync(file))
    throw new TrustError(
      `${file}: no such trust file. Give a YAML file listing the signers (see README, "Trust list").`,
    );
  const st = statSync(file);
  if (!st.isFile()) throw new TrustError(`${file}: not a regular file. A trust list is a YAML file.`);
  if (st.size > MAX_BYTES)
    throw new TrustError(`${file}: ${st.size} bytes; a trust list is at most ${MAX_BYTES} bytes.`);
  const fd = openSync(file, 'r');
  try {
    if (!fstatSync(fd).isFile()) throw new TrustError(`${file}: not a regular file.`);
    const buf = Buffer.alloc(Math.min(fstatSync(fd).size, MAX_BYTES));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Parse one trust file's text; errors name the file, the line or the entry, and what to write. */
export function parseTrustFile(text: string, source: string): TrustedSigner[] {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 10 });
  } catch (e) {
    const line = e instanceof YAMLParseError && e.linePos ? ` line ${e.linePos[0].line}` : '';
    throw new TrustError(
      `${source}${line}: not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}).`,
    );
  }
  const parsed = TrustFile.safeParse(raw ?? { signers: [] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new TrustError(
      `${source}: ${at || '(top)'}: ${issue.message}. Expected "signers:" with name, fingerprint and roles for each.`,
    );
  }
  return parsed.data.signers.map((s) => ({
    name: normalName(s.name),
    roles: [...new Set(s.roles)],
    fingerprint: s.fingerprint,
    source,
  }));
}

function merge(lists: TrustedSigner[][]): Map<string, TrustedSigner> {
  const byFp = new Map<string, TrustedSigner>();
  for (const s of lists.flat()) {
    const had = byFp.get(s.fingerprint);
    if (had && had.name !== s.name)
      throw new TrustError(
        `${s.fingerprint} is "${printable(had.name)}" in ${had.source} but "${printable(s.name)}" in ${s.source}: one key, one person. Correct one of the files.`,
      );
    byFp.set(s.fingerprint, had ? { ...had, roles: [...new Set([...had.roles, ...s.roles])] } : s);
  }
  return byFp;
}

function warningsOf(signers: TrustedSigner[]): string[] {
  const out: string[] = [];
  for (const s of signers)
    if (mixedScript(s.name))
      out.push(
        `the trust list's name "${printable(s.name)}" (${s.fingerprint}) mixes scripts: check it is who you think.`,
      );
  signers.forEach((a, i) => {
    for (const b of signers.slice(i + 1))
      if (confusable(a.name, b.name))
        out.push(
          `the trust list's names "${printable(a.name)}" and "${printable(b.name)}" look alike but are different people's keys.`,
        );
  });
  return out;
}

/** The trust file a runbook's front matter names (`trust: ./team-signers.yaml`), resolved beside it. */
export function runbookTrustFile(runbookText: string, runbookFile: string | null): string | null {
  const { yaml } = splitFrontMatter(runbookText);
  if (!yaml) return null;
  let meta: unknown;
  try {
    meta = parseYaml(yaml, { maxAliasCount: 10 });
  } catch {
    return null;
  }
  const named = meta && typeof meta === 'object' ? (meta as Record<string, unknown>)['trust'] : undefined;
  if (typeof named !== 'string' || !named.trim()) return null;
  return runbookFile ? resolve(dirname(runbookFile), named.trim()) : named.trim();
}

export interface TrustSources {
  /** The data folder: its trust.yaml counts when it exists. */
  dataDir?: string | undefined;
  /** `--trust FILE`, each must exist. */
  files?: string[];
  /** The verifier's own copy of the runbook: the team file its front matter names counts. */
  runbookFile?: string | undefined;
}

export function loadTrust(src: TrustSources): TrustList {
  const files: string[] = [];
  if (src.dataDir && existsSync(join(src.dataDir, TRUST_FILE))) files.push(join(src.dataDir, TRUST_FILE));
  for (const f of src.files ?? []) files.push(resolve(f));
  if (src.runbookFile) {
    const team = runbookTrustFile(readSmallFile(resolve(src.runbookFile)), resolve(src.runbookFile));
    if (!team)
      throw new TrustError(
        `${src.runbookFile} names no trust file: add "trust: ./team-signers.yaml" to its front matter, or give --trust FILE.`,
      );
    files.push(team);
  }
  const unique = [...new Set(files)];
  const signers = merge(unique.map((f) => parseTrustFile(readSmallFile(f), f)));
  return { sources: unique, signers, warnings: warningsOf([...signers.values()]) };
}
