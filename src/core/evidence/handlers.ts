// The evidence channels of the contract: export, operator sign-off, approver counter-signature,
// verification. The same for the desktop app and the web host; only how keys are unlocked and how
// PDFs are printed differ, and those come in as dependencies.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportFormat, Handlers, Verification } from '../../shared/contract';
import { TejunError } from '../../shared/errors';
import type { OpenSession, SessionStore } from '../session/sessions';
import { addSignature, bundleFileName, serializeBundle, verifyBundle, type Bundle } from './bundle';
import { buildBundle, htmlExport, htmlToPdf, markdownExport, reportExport } from './exporter';
import { KeyError, keyFor } from './keys';
import { normalName } from './names';
import { printable } from './printable';
import { journalSignedNote, journalSignOff } from './entrySignature';
import { loadTrust, TrustError } from './trust';
import { describeVerdict, judge, type Verdict } from './verdict';

interface Deps {
  sessions: SessionStore;
  dataDir: string;
  sealedPassphrase?: ((name: string) => Promise<string>) | undefined;
  printPdf?: ((html: string) => Promise<Uint8Array>) | undefined;
  /** Files the client sent by upload (bundles are larger than one frame). */
  uploaded: (uploadId: string) => Buffer;
  /** Where a key found readable by others is reported (the host's log). */
  warn?: (message: string) => void;
}

type EvidenceChannels =
  'evidence:export' | 'evidence:signOff' | 'evidence:countersign' | 'evidence:verify' | 'evidence:note';

const file = (name: string, mime: string, data: string | Uint8Array) => ({
  name,
  mime,
  base64: Buffer.from(data).toString('base64'),
});

const evidenceFile = (dir: string) => join(dir, 'evidence', 'signed.tejun.json');

function verification(v: Verdict): Verification {
  const lines: string[] = [];
  describeVerdict(v, (l) => lines.push(l));
  return { ok: v.word === 'OK', verdict: v.word, problem: v.problem, lines };
}

/** The filled-in procedure (md, html, pdf), the rehearsal report, or the evidence bundle of a session. */
async function exportSession(
  session: OpenSession,
  format: ExportFormat,
  printPdf: Deps['printPdf'],
): Promise<ReturnType<typeof file>> {
  try {
    if (format === 'md') {
      const md = markdownExport(session.dir);
      return file(md.name, 'text/markdown', md.text);
    }
    if (format === 'html') {
      const html = htmlExport(session.dir);
      return file(html.name, 'text/html', html.text);
    }
    if (format === 'report') {
      if (!session.state.rehearsal)
        throw new TejunError('UNSUPPORTED', 'The rehearsal report is made for rehearsal sessions only.');
      const r = reportExport(session.dir);
      return file(r.name, 'text/markdown', r.text);
    }
    if (format === 'pdf') {
      const html = htmlExport(session.dir);
      const name = html.name.replace(/\.html$/, '.pdf');
      if (printPdf) return file(name, 'application/pdf', await printPdf(html.text));
      const out = join(session.dir, 'evidence', name);
      mkdirSync(join(session.dir, 'evidence'), { recursive: true, mode: 0o700 });
      htmlToPdf(html.text, out);
      return file(name, 'application/pdf', readFileSync(out));
    }
    // A signed bundle, once there is one; before sign-off, the unsigned bundle of the record so far.
    // The signed bundle while the journal is as it was signed; once later (signed) notes extend it,
    // a bundle re-issued from the journal, whose sign-off and notes carry their own signatures.
    const signed = evidenceFile(session.dir);
    const kept = existsSync(signed) ? readFileSync(signed, 'utf8') : null;
    const current = buildBundle(session.dir);
    const text =
      kept && (JSON.parse(kept) as Bundle).journal.head === current.journal.head ? kept : serializeBundle(current);
    const b = JSON.parse(text) as Bundle;
    return file(bundleFileName(b), 'application/json', text);
  } catch (e) {
    if (e instanceof TejunError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new TejunError('EVIDENCE_FAILED', `The ${format} export could not be made: ${why}`, { cause: e });
  }
}

/** The bundle the approver counter-signs: one uploaded, or the session's signed bundle (then written back there). */
async function bundleToCountersign(
  deps: Deps,
  upload: string | undefined,
  sessionId: string | undefined,
): Promise<{ bytes: Uint8Array; dir: string | null }> {
  if (upload) return { bytes: deps.uploaded(upload), dir: null };
  if (!sessionId) throw new TejunError('INVALID_REQUEST', 'Name the session, or give the bundle to counter-sign.');
  const dir = (await deps.sessions.get(sessionId)).dir;
  if (!existsSync(evidenceFile(dir)))
    throw new TejunError(
      'EVIDENCE_FAILED',
      'The operator has not signed this session yet: the approver counter-signs after the operator.',
    );
  return { bytes: readFileSync(evidenceFile(dir)), dir };
}

/** The person's signing key, by the passphrase typed or the one the OS keychain holds. */
async function unlockKey(deps: Deps, name: string, passphrase: string) {
  const pass = passphrase || (deps.sealedPassphrase ? await deps.sealedPassphrase(name) : '');
  if (!pass)
    throw new TejunError(
      'KEY_REFUSED',
      'Type the passphrase of your signing key (the first time, choose one of at least 8 characters: it creates your key).',
    );
  try {
    return keyFor(join(deps.dataDir, 'keys'), name, pass, deps.warn);
  } catch (e) {
    if (e instanceof KeyError) throw new TejunError('KEY_REFUSED', e.message, { cause: e });
    throw e;
  }
}

/** The verdict on a bundle, against the data folder's trust.yaml read now, so an edit counts at once. */
function checkBundle(dataDir: string, bytes: Uint8Array): Verdict {
  try {
    return judge(verifyBundle(bytes), loadTrust({ dataDir }));
  } catch (e) {
    if (e instanceof TrustError) throw new TejunError('EVIDENCE_FAILED', e.message);
    throw e;
  }
}

export function evidenceHandlers(deps: Deps): Pick<Handlers<unknown>, EvidenceChannels> {
  const unlock = (name: string, passphrase: string) => unlockKey(deps, name, passphrase);
  const check = (bytes: Uint8Array): Verdict => checkBundle(deps.dataDir, bytes);

  return {
    'evidence:export': async ({ sessionId, format }) =>
      exportSession(await deps.sessions.get(sessionId), format, deps.printPdf),
    'evidence:signOff': async ({ sessionId, name: typed, passphrase }) => {
      // Signed names in one Unicode form, so the same name is always the same bytes.
      const name = normalName(typed);
      const session = await deps.sessions.get(sessionId);
      const { key, identity } = await unlock(name, passphrase);
      // Journaled first, signed over the entry it follows (the sign-off closes the session); then the
      // bundle of that journal is signed too.
      await journalSignOff(session, { name, key, identity }, 'operator');
      const signed = addSignature(
        buildBundle(session.dir),
        { name, role: 'operator', key, publicKey: identity.publicKey },
        new Date(),
      );
      const text = serializeBundle(signed);
      mkdirSync(join(session.dir, 'evidence'), { recursive: true, mode: 0o700 });
      writeFileSync(evidenceFile(session.dir), text, { mode: 0o600 });
      return { fingerprint: identity.fingerprint, file: file(bundleFileName(signed), 'application/json', text) };
    },
    'evidence:countersign': async ({ sessionId, upload, name: typed, passphrase }) => {
      // Signed names in one Unicode form, so the same name is always the same bytes.
      const name = normalName(typed);
      const { bytes, dir } = await bundleToCountersign(deps, upload, sessionId);
      // The approver counter-signs an intact bundle whose signers are all on the trust list; the
      // approver's own signature being what is missing is the expected state.
      const before = check(bytes);
      if (before.word === 'BROKEN' || before.word === 'UNTRUSTED')
        throw new TejunError(
          'EVIDENCE_FAILED',
          `The bundle is ${before.word}, so it is not counter-signed: ${printable(before.problem ?? '')}`,
        );
      const { key, identity } = await unlock(name, passphrase);
      let signed: Bundle;
      try {
        signed = addSignature(
          before.bundle!,
          { name, role: 'approver', key, publicKey: identity.publicKey },
          new Date(),
        );
      } catch (e) {
        throw new TejunError('EVIDENCE_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
      }
      const text = serializeBundle(signed);
      if (dir) writeFileSync(evidenceFile(dir), text, { mode: 0o600 });
      return {
        fingerprint: identity.fingerprint,
        file: file(bundleFileName(signed), 'application/json', text),
        verification: verification(check(Buffer.from(text))),
      };
    },
    'evidence:verify': ({ upload }) => verification(check(deps.uploaded(upload))),
    'evidence:note': async ({ sessionId, text, name: typed, passphrase }) => {
      // Signed names in one Unicode form, so the same name is always the same bytes.
      const name = normalName(typed);
      const session = await deps.sessions.get(sessionId);
      const { key, identity } = await unlock(name, passphrase);
      // Redacted before signing: the signature covers exactly the words the journal keeps.
      const clean = session.secrets.redactor().redact(text.trim());
      return journalSignedNote(session, { name, key, identity }, clean);
    },
  };
}
