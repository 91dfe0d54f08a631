// The second pair of eyes: who may call what (roles), the journal events of a remote checker or approver,
// and the exact bytes their browser key signs. Shared so the page, core and `tejun verify` agree on them.
import { z } from 'zod';

/** operator: at the host. The others join through an invite, from their own machine. */
export const ROLES = ['operator', 'approver', 'checker', 'watcher'] as const;
export type Role = (typeof ROLES)[number];
export const REMOTE_ROLES = ['approver', 'checker', 'watcher'] as const;
export type RemoteRole = (typeof REMOTE_ROLES)[number];
/** Someone holding an invite who has not joined yet (the fingerprint not read aloud, no key registered). */
export type Caller = Role | 'invitee';

const Id = z.string().min(1).max(200);
const Name = z.string().trim().min(1, 'a name is required').max(200);
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');
export const DECISIONS = ['confirm', 'hold', 'sign-off'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A signature made by the person's own key (a non-extractable WebCrypto Ed25519 key in their browser). */
export const PersonSignature = z
  .object({
    /** SPKI, PEM. */
    publicKey: z.string().max(2000),
    fingerprint: z.string().max(100),
    /** base64 Ed25519 signature over reviewPayload(). */
    value: z.string().max(200),
  })
  .strict();
export type PersonSignature = z.output<typeof PersonSignature>;

/** What a person decided and signed: `time` is theirs (ISO), checked against the host's clock. */
export const Signed = z
  .object({
    sessionId: z.string().max(80),
    stepId: z.string().max(200),
    commandId: z.string().max(200),
    textHash: z.string().max(64),
    decision: z.enum(DECISIONS),
    reason: z.string().max(2000),
    by: Name,
    role: z.enum(REMOTE_ROLES),
    time: z.string().max(40),
  })
  .strict();
export type Signed = z.output<typeof Signed>;

/** The exact bytes signed: the fields in this order, JSON, UTF-8. The page and core both build it here. */
export function reviewPayload(p: Signed): string {
  return JSON.stringify({
    v: 'tejun-review-1',
    sessionId: p.sessionId,
    stepId: p.stepId,
    commandId: p.commandId,
    textHash: p.textHash,
    decision: p.decision,
    reason: p.reason,
    by: p.by,
    role: p.role,
    time: p.time,
  });
}

/** Journal events of the second pair of eyes (system events: only core makes them). */
export const ReviewSystemEvents = [
  /** Run was pressed on a step that needs a checker: what they are shown, and the hash it is bound to. */
  z.object({
    type: z.literal('review-requested'),
    stepId: Id,
    commandId: Id,
    textHash: Hash,
    /** The rendered command as the checker sees it (secrets masked). */
    shown: z.string().max(65536),
    by: z.string().max(200),
  }),
  /** A confirmation, hold or sign-off by a remote person, verified by core before it was journaled. */
  z.object({ type: z.literal('review-decision'), signed: Signed, signature: PersonSignature }),
  /** Someone joined through an invite (the key they will sign with), left, or was cut off by the operator. */
  z.object({
    type: z.literal('person-joined'),
    personId: z.string().max(40),
    name: Name,
    role: z.enum(REMOTE_ROLES),
    fingerprint: z.string().max(100),
    from: z.string().max(100),
  }),
  z.object({
    type: z.literal('person-left'),
    personId: z.string().max(40),
    name: Name,
    how: z.enum(['dropped', 'revoked']),
  }),
  /** A request a remote role may not make: refused with FORBIDDEN, and written down. */
  z.object({
    type: z.literal('access-refused'),
    by: z.string().max(200),
    role: z.string().max(20),
    channel: z.string().max(100),
  }),
] as const;

/** Commands the operator gives about the second pair of eyes. */
export const ReviewCommands = [
  /** Four eyes on one step, or on every change step ('*'), turned on or off by the operator. */
  z.object({ type: z.literal('four-eyes-set'), stepId: Id, on: z.boolean(), by: z.string().max(200).default('') }),
  /** No checker answers: the operator proceeds anyway, says why; the evidence shows it. */
  z.object({
    type: z.literal('review-override'),
    stepId: Id,
    commandId: Id,
    textHash: Hash,
    reason: z.string().trim().min(1, 'a reason is required').max(2000),
    by: Name,
  }),
] as const;

export interface ReviewDecisionRecord {
  decision: Decision;
  by: string;
  role: RemoteRole;
  fingerprint: string;
  textHash: string;
  reason: string;
  at: number;
}

/** The review part of the session state (folded from the journal by core/review/fold.ts). */
export interface ReviewState {
  /** Steps the operator turned four eyes on or off for ('*': every change step). */
  toggles: Record<string, boolean>;
  /** Open requests by command id: what the checker is shown and when Run was pressed. */
  requests: Record<string, { stepId: string; textHash: string; shown: string; at: number }>;
  /** The last decision on each command (by command id). */
  decisions: Record<string, ReviewDecisionRecord>;
  overrides: Record<string, { stepId: string; textHash: string; reason: string; by: string; at: number }>;
  /** Who is connected now (folded from joined/left), by person id. */
  people: Record<string, { name: string; role: RemoteRole; fingerprint: string; from: string; at: number }>;
  signOffs: { by: string; fingerprint: string; at: number }[];
  refused: number;
}

export function initialReview(): ReviewState {
  return { toggles: {}, requests: {}, decisions: {}, overrides: {}, people: {}, signOffs: [], refused: 0 };
}

/** The certificate's SHA-256, as a code read aloud: the first 16 hex digits in four groups ("3F2A-…"). */
export function fingerprintCode(sha256Hex: string): string {
  const h = sha256Hex.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return [0, 4, 8, 12].map((i) => h.slice(i, i + 4)).join('-');
}

/** The steps a front-matter list names (`four_eyes: [Announce, DB migration]`: ids or words of titles). */
function listed(mode: string): string[] | null {
  if (!mode.startsWith('[')) return null;
  try {
    const v = JSON.parse(mode) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : null;
  } catch {
    return null;
  }
}

/**
 * Whether four eyes apply to a step: the operator's switch for it first, then the runbook's front matter
 * (`four_eyes: change` every change step, `all` every step, or a list of step ids or title words), with
 * the operator's switch for every change step ('*') in between.
 */
export function needsFourEyes(
  step: { id: string; kind: string; title?: string },
  frontMatter: string | undefined,
  toggles: Record<string, boolean>,
): boolean {
  const own = toggles[step.id];
  if (own !== undefined) return own;
  const raw = (frontMatter ?? '').trim();
  const names = listed(raw);
  if (names?.some((n) => step.id === n || (step.title ?? '').includes(n))) return true;
  const mode = raw.toLowerCase();
  const all = toggles['*'] ?? (mode === 'change' || mode === 'all' || mode === 'true' || mode === 'yes');
  return mode === 'all' ? all : all && step.kind === 'change';
}
