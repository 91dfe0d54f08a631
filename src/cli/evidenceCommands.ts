// `tejun export`, `tejun sign`, `tejun verify`: what the app does with evidence, from the command line.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addSignature, bundleFileName, serializeBundle, verifyBundle } from '../core/evidence/bundle';
import type { Role } from '../core/evidence/entrySignature';
import { loadTrust, type TrustSources } from '../core/evidence/trust';
import { describeVerdict, judge } from '../core/evidence/verdict';
import {
  buildBundle,
  htmlExport,
  htmlToPdf,
  markdownExport,
  reportExport,
  type ExportFormat,
} from '../core/evidence/exporter';
import { BUNDLE_READ, readRegularFileSync } from '../core/files';
import { keyFileName, KeyError, createKey, loadKey } from '../core/evidence/keys';

export function exportCommand(
  dirArg: string,
  format: ExportFormat,
  outArg: string | undefined,
  opts: { transcripts: boolean },
  out: (l: string) => void,
): number {
  const dir = resolve(dirArg);
  const write = (name: string, data: string | Buffer): void => {
    const file = resolve(outArg ?? name);
    writeFileSync(file, data);
    out(`wrote ${file}`);
  };
  if (format === 'md') {
    const md = markdownExport(dir);
    write(md.name, md.text);
  } else if (format === 'html') {
    const html = htmlExport(dir);
    write(html.name, html.text);
  } else if (format === 'pdf') {
    const html = htmlExport(dir);
    const file = resolve(outArg ?? html.name.replace(/\.html$/, '.pdf'));
    htmlToPdf(html.text, file);
    out(`wrote ${file}`);
  } else if (format === 'report') {
    const r = reportExport(dir);
    write(r.name, r.text);
  } else {
    const b = buildBundle(dir, { includeTranscripts: opts.transcripts });
    write(bundleFileName(b), serializeBundle(b));
  }
  return 0;
}

/** The passphrase: from the named environment variable (for scripts), else an error saying how. */
function passphrase(envName: string): string {
  const v = process.env[envName];
  if (v) return v;
  throw new KeyError(
    `Set ${envName} to the passphrase of the signing key (it is never given on the command line, where other users could read it).`,
  );
}

export function signCommand(
  bundleArg: string,
  opts: {
    as: string;
    role: 'operator' | 'approver';
    key?: string;
    dataDir: string;
    passphraseEnv: string;
    out?: string;
  },
  out: (l: string) => void,
): number {
  const file = resolve(bundleArg);
  const before = verifyBundle(readRegularFileSync(file, BUNDLE_READ));
  if (!before.ok) {
    out(`NOT SIGNED: ${file} does not verify: ${before.problem}`);
    return 1;
  }
  const keyFile = resolve(opts.key ?? join(opts.dataDir, 'keys', keyFileName(opts.as)));
  const pass = passphrase(opts.passphraseEnv);
  if (!existsSync(keyFile)) {
    const id = createKey(keyFile, pass);
    out(`created a signing key for ${opts.as}: ${keyFile} (${id.fingerprint})`);
  }
  const { key, identity } = loadKey(keyFile, pass, (m) => out(`warning: ${m}`));
  const signed = addSignature(
    before.bundle!,
    { name: opts.as, role: opts.role, key, publicKey: identity.publicKey },
    new Date(),
  );
  const target = resolve(opts.out ?? file);
  writeFileSync(target, serializeBundle(signed));
  out(`signed as ${opts.role} ${opts.as} (${identity.fingerprint}) → ${target}`);
  return 0;
}

export interface VerifyOptions extends TrustSources {
  /** The roles whose trusted signatures are required; by default the bundle's kind decides. */
  require?: Role[] | undefined;
}

/** Exit 0 OK, 1 BROKEN, 2 UNTRUSTED, 3 MISSING. */
export function verifyCommand(bundleArg: string, opts: VerifyOptions, out: (l: string) => void): number {
  const file = resolve(bundleArg);
  if (!existsSync(file)) throw new Error(`${file}: no such file. Give a .tejun.json evidence bundle.`);
  const trust = loadTrust(opts);
  const v = judge(verifyBundle(readRegularFileSync(file, BUNDLE_READ)), trust, opts.require);
  out(`bundle:   ${file}`);
  describeVerdict(v, out);
  return v.exitCode;
}

/** `--require operator,approver` (or `none`). */
export function parseRequire(raw: string | undefined): Role[] | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === 'none') return [];
  const roles = raw.split(',').map((r) => r.trim());
  const bad = roles.find((r) => r !== 'operator' && r !== 'approver');
  if (bad !== undefined)
    throw new Error(`--require ${raw}: name roles from operator, approver (comma-separated), or none.`);
  return [...new Set(roles as Role[])];
}
