// The verdict on a bundle, in one of four words: OK, BROKEN (a byte, the chain or a signature does not
// hold), UNTRUSTED (a signature holds but its key is not on the trust list for that role), MISSING (a
// required signature is absent). Signers are named as the trust list spells them; what the bundle
// claims is shown only as "claimed". Everything from the bundle is printed escaped.
import { runbookTrustFile, type TrustedSigner, type TrustList } from './trust';
import { confusable, mixedScript } from './names';
import { printable } from './printable';
import type { Bundle, FoundSignature, VerifyResult } from './bundle';
import type { Role } from './entrySignature';
import type { ReviewSignature } from '../review/verify';

export const VERDICTS = ['OK', 'BROKEN', 'UNTRUSTED', 'MISSING'] as const;
export type VerdictWord = (typeof VERDICTS)[number];
export const EXIT_CODES: Record<VerdictWord, number> = { OK: 0, BROKEN: 1, UNTRUSTED: 2, MISSING: 3 };

export interface JudgedSigner extends FoundSignature {
  trusted: TrustedSigner | null;
  /** Trusted key, but not for the role it signed as. */
  wrongRole: boolean;
  /** A trusted person whose name the claimed name imitates (a look-alike). */
  imitates: TrustedSigner | null;
}

export interface Verdict {
  word: VerdictWord;
  exitCode: number;
  /** Why it is not OK; null when it is. */
  problem: string | null;
  bundle: Bundle | null;
  signers: JudgedSigner[];
  required: Role[];
  missing: Role[];
  trust: TrustList;
  /** Who confirmed, held or signed off which step from their own machine (signatures checked). */
  reviews?: ReviewSignature[];
}

/** A production bundle needs the operator's and the approver's signature; a rehearsal the operator's. */
export const defaultRequired = (b: Pick<Bundle, 'rehearsal'>): Role[] =>
  b.rehearsal ? ['operator'] : ['operator', 'approver'];

function judgeSigner(s: FoundSignature, trust: TrustList): JudgedSigner {
  const trusted = trust.signers.get(s.fingerprint) ?? null;
  const wrongRole = !!trusted && s.role !== null && !trusted.roles.includes(s.role);
  const imitates = trusted
    ? null
    : ([...trust.signers.values()].find(
        (t) => confusable(s.claimedName, t.name) || t.name === s.claimedName.normalize('NFC').trim(),
      ) ?? null);
  return { ...s, trusted, wrongRole, imitates };
}

function untrustedProblem(s: JudgedSigner, trust: TrustList): string {
  const what = `${s.place} (${s.kind === 'bundle' ? `${s.role} signature` : s.kind}, claimed "${s.claimedName}")`;
  if (s.wrongRole)
    return `${what}: the key ${s.fingerprint} is ${s.trusted!.name}'s, trusted as ${s.trusted!.roles.join(' and ')} only, not as ${s.role}.`;
  if (!trust.sources.length)
    return `${what}: no trust list to check the key ${s.fingerprint} against. Give --trust FILE, or list the team's keys in the data folder's trust.yaml.`;
  const look = s.imitates
    ? ` It claims the name of ${s.imitates.name}, whose key is ${s.imitates.fingerprint}: an impostor, or a new key nobody has vouched for.`
    : '';
  return `${what}: the key ${s.fingerprint} is not on the trust list.${look}`;
}

export function judge(r: VerifyResult, trust: TrustList, required?: Role[]): Verdict {
  const base = {
    bundle: r.bundle,
    trust,
    required: required ?? (r.bundle ? defaultRequired(r.bundle) : []),
    reviews: r.reviews ?? [],
  };
  if (!r.ok)
    return { ...base, word: 'BROKEN', exitCode: EXIT_CODES.BROKEN, problem: r.problem, signers: [], missing: [] };
  const signers = r.signatures.map((s) => judgeSigner(s, trust));
  const bad = signers.find((s) => !s.trusted || s.wrongRole);
  const have = new Set(signers.filter((s) => s.trusted && !s.wrongRole && s.role).map((s) => s.role));
  const missing = base.required.filter((role) => !have.has(role));
  const word: VerdictWord = bad ? 'UNTRUSTED' : missing.length ? 'MISSING' : 'OK';
  const need = base.required.map((x) => `the ${x}'s`).join(' and ');
  const problem = bad
    ? untrustedProblem(bad, trust)
    : missing.length
      ? `no signature by a trusted ${missing.join(' or ')}: this ${r.bundle!.rehearsal ? 'rehearsal' : 'production'} bundle needs ${need} (--require changes that).`
      : null;
  return { ...base, word, exitCode: EXIT_CODES[word], problem, signers, missing };
}

function signerLine(s: JudgedSigner): string {
  const who = s.trusted && !s.wrongRole ? s.trusted.name : `UNTRUSTED key (claimed "${s.claimedName}")`;
  const what = s.kind === 'bundle' ? 'bundle' : s.kind === 'sign-off' ? 'sign-off' : 'note';
  return `signer:   ${(s.role ?? '-').padEnd(8)} ${who}  ${s.fingerprint}  ${s.at}  (${what}, ${s.place})`;
}

function signerWarnings(s: JudgedSigner, hinted: Set<string>): string[] {
  const out: string[] = [];
  if (s.trusted && s.trusted.name !== s.claimedName.normalize('NFC').trim())
    out.push(
      `note:     ${s.place} claims the name "${s.claimedName}"; the trust list says this key is ${s.trusted.name}.`,
    );
  if (s.imitates)
    out.push(
      `warning:  ${s.place} claims "${s.claimedName}", which looks like trusted ${s.imitates.name} — but it is a different key.`,
    );
  if (!s.trusted && mixedScript(s.claimedName))
    out.push(`warning:  ${s.place}: the claimed name "${s.claimedName}" mixes scripts (a look-alike?).`);
  const hint = `${s.fingerprint} ${s.role ?? ''}`;
  if ((!s.trusted || s.wrongRole) && !hinted.has(hint) && hinted.add(hint))
    out.push(
      `          to trust this key, add to trust.yaml:  - { name: "<who this is>", fingerprint: "${s.fingerprint}", roles: [${s.role ?? 'operator'}] }`,
    );
  return out;
}

function teamFileNote(b: Bundle): string[] {
  const named = runbookTrustFile(Buffer.from(b.runbook.base64, 'base64').toString('utf8'), null);
  if (!named) return [];
  return [
    `note:     the runbook names the team's trust file "${named}": only a copy on this machine counts (--runbook YOUR_COPY.md or --trust FILE), never the bundle's.`,
  ];
}

/** A remote decision: its signature verified against the key the person registered when joining. */
function reviewLine(rv: ReviewSignature, trust: TrustList): string {
  const what = rv.decision === 'confirm' ? 'confirmed' : rv.decision === 'hold' ? 'held' : 'signed off';
  const step = rv.decision === 'sign-off' ? 'the session' : `step ${rv.stepId}`;
  const known = trust.signers.get(rv.fingerprint);
  const key = known ? `trusted key of ${known.name}` : 'browser key registered at join';
  const why = rv.reason ? ` — "${rv.reason}"` : '';
  const who = `${what} ${step} by ${rv.by} (${rv.role}) ${rv.time}`;
  return `checked:  ${who}, signature valid, ${key} ${rv.fingerprint} (journal entry ${rv.seq})${why}`;
}

const SUMMARY: Record<VerdictWord, string> = {
  OK: 'OK: the runbook, the journal chain, the exports and every signature verify, and every signer is on the trust list.',
  BROKEN: 'BROKEN',
  UNTRUSTED: 'UNTRUSTED',
  MISSING: 'MISSING',
};

/** What `tejun verify` prints, and the app shows when a bundle is opened: every line printable. */
export function describeVerdict(v: Verdict, out: (l: string) => void): void {
  const say = (l: string) => out(printable(l));
  const b = v.bundle;
  if (b) {
    if (b.rehearsal) say('REHEARSAL — this is the record of a rehearsal, not of a production release.');
    say(`session:  ${b.sessionId}  "${b.title}"`);
    say(`runbook:  ${b.runbook.name}  sha256 ${b.runbook.sha256}`);
    say(`outcome:  ${b.outcome ?? 'not completed'}`);
    say(`journal:  ${b.journal.entries} entries, head ${b.journal.head}`);
    say(`exports:  ${b.exports.map((e) => e.name).join(', ') || 'none'}`);
    say(
      `transcripts: ${b.transcripts.length}${b.transcripts.some((t) => t.text === null) ? ' (digests only for some)' : ''}`,
    );
    say(`trust:    ${v.trust.sources.join(', ') || 'no trust list'} (${v.trust.signers.size} keys)`);
    for (const w of v.trust.warnings) say(`warning:  ${w}`);
    const hinted = new Set<string>();
    for (const s of v.signers) for (const l of [signerLine(s), ...signerWarnings(s, hinted)]) say(l);
    if (v.word !== 'BROKEN' && !v.signers.length) say('signer:   none');
    for (const rv of v.reviews ?? []) say(reviewLine(rv, v.trust));
    if (v.word !== 'BROKEN') say(`required: ${v.required.join(', ') || 'none'}`);
    for (const l of teamFileNote(b)) say(l);
  }
  say(v.problem ? `${SUMMARY[v.word]}: ${v.problem}` : SUMMARY[v.word]);
}
