// The contract's invite:* and review:* handlers: the operator opens the listener and invites people; a
// joiner reads the certificate's code aloud, joins with their browser's key, watches, and decides.
import type { Emit, Handlers, InviteStatus } from '../../shared/contract';
import { TejunError } from '../../shared/errors';
import { fingerprintCode, type Signed } from '../../shared/review';
import type { OpenSession, SessionStore } from '../session/sessions';
import type { PtyHost } from '../terminal/ptyHost';
import { samePerson } from './fold';
import type { RemoteCaller } from './guard';
import type { Invites, Person } from './invites';
import { publicKeyFromSpki, signatureProblem } from './signatures';

/** The listener the web host starts for invites (server/invite.ts): TLS, its own certificate. */
export interface InviteListener {
  address: string;
  port: number;
  /** SHA-256 of the certificate (DER), hex. */
  sha256: string;
  close(): Promise<void>;
}
export type OpenListener = (address: string, port: number) => Promise<InviteListener>;

interface Ctx {
  clientId: string;
  emit: Emit;
  remote?: RemoteCaller;
}
type ReviewChannel =
  | 'invite:open'
  | 'invite:create'
  | 'invite:list'
  | 'invite:revoke'
  | 'invite:close'
  | 'review:hello'
  | 'review:join'
  | 'review:view'
  | 'review:terminals'
  | 'review:decide'
  | 'review:note';

export interface ReviewDeps {
  sessions: SessionStore;
  invites: Invites;
  ptys: PtyHost;
  watch: (session: OpenSession, ctx: Ctx) => OpenSession;
  openListener?: OpenListener | undefined;
  /** Client ids that are online now, per person. */
  online: Map<string, Person>;
}

/** A signed decision more than this far from the host's clock is refused (a replayed or forged time). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const urlHost = (address: string): string => (address.includes(':') ? `[${address}]` : address);

export interface Review {
  handlers: Pick<Handlers<Ctx>, ReviewChannel>;
  /** The host stops: everyone is cut off and the listener closed. */
  close(): Promise<void>;
}

export function createReview(d: ReviewDeps): Review {
  let listener: InviteListener | null = null;
  const slot: Slot = {
    current: () => listener,
    set: (l) => (listener = l),
    close: async () => {
      d.invites.closeAll();
      await listener?.close();
      listener = null;
    },
  };
  return { handlers: { ...inviteHandlers(d, slot), ...joinerHandlers(d, slot) }, close: slot.close };
}

/** The listener of this host, while it is open. */
interface Slot {
  current: () => InviteListener | null;
  set: (l: InviteListener) => void;
  close: () => Promise<void>;
}

/** What the operator's Invite dialog shows: the listener and its code, the invites, who joined and is online. */
function statusOf(d: ReviewDeps, listener: InviteListener | null): InviteStatus {
  const { invites, people } = d.invites.list();
  const onlineIds = new Set([...d.online.values()].map((p) => p.personId));
  return {
    listening: listener && { ...listener, code: fingerprintCode(listener.sha256) },
    invites: invites.map((i) => ({ id: i.id, name: i.name, role: i.role, used: i.usedAt !== null })),
    people: people
      .filter((p) => !p.revoked)
      .map((p) => ({
        personId: p.personId,
        name: p.name,
        role: p.role,
        from: p.from,
        fingerprint: p.fingerprint,
        online: onlineIds.has(p.personId),
      })),
  };
}

type InviteChannel = Extract<ReviewChannel, `invite:${string}`>;
type JoinerChannel = Extract<ReviewChannel, `review:${string}`>;

/** The operator's side: open the listener, invite, list, revoke, close. */
function inviteHandlers(d: ReviewDeps, slot: Slot): Pick<Handlers<Ctx>, InviteChannel> {
  const status = () => statusOf(d, slot.current());
  return {
    'invite:open': async ({ address, port }) => {
      if (!d.openListener)
        throw new TejunError('UNSUPPORTED', 'This host cannot invite: start it with `tejun serve` to invite people.');
      if (slot.current() && slot.current()!.address !== address) await slot.close();
      if (!slot.current()) slot.set(await d.openListener(address, port));
      return status();
    },
    'invite:create': async ({ sessionId, name, role }) => {
      const listener = slot.current();
      if (!listener) throw new TejunError('NOT_FOUND', 'Open the invite listener first (choose its address).');
      const session = await d.sessions.get(sessionId);
      if (samePerson(name, session.state.operator))
        throw new TejunError('FORBIDDEN', 'The operator cannot be their own checker: invite another person.');
      const { invite, secret } = d.invites.create(sessionId, name, role);
      const url = `https://${urlHost(listener.address)}:${listener.port}/#invite=${secret}`;
      return { url, code: fingerprintCode(listener.sha256), id: invite.id };
    },
    'invite:list': () => status(),
    'invite:revoke': async ({ id }) => {
      const p = d.invites.revoke(id);
      if (p) await (await d.sessions.get(p.sessionId)).record(leftEvent(p, 'revoked'));
      return null;
    },
    'invite:close': async () => {
      await slot.close();
      return null;
    },
  };
}

const joined = (ctx: Ctx): Person => {
  const p = ctx.remote?.person;
  if (!p || p.revoked) throw new TejunError('FORBIDDEN', 'You are not (or no longer) part of this session.');
  return p;
};

/** The joiner's side: the code before joining, the join itself, the live view, decisions and notes. */
function joinerHandlers(d: ReviewDeps, slot: Slot): Pick<Handlers<Ctx>, JoinerChannel> {
  return {
    'review:hello': async (_p, ctx) => {
      const inv = d.invites.peek(ctx.remote?.invite ?? null);
      const listener = slot.current();
      if (!inv || !listener) throw new TejunError('FORBIDDEN', 'This invite is no longer valid.');
      const s = await d.sessions.get(inv.sessionId);
      const code = fingerprintCode(listener.sha256);
      return { name: inv.name, role: inv.role, code, title: s.state.title, operator: s.state.operator };
    },
    'review:join': async ({ publicKey }, ctx) => {
      const remote = ctx.remote;
      const key = publicKeyFromSpki(publicKey);
      if (!remote?.invite) throw new TejunError('FORBIDDEN', 'Join through an invite link.');
      if (!key) throw new TejunError('INVALID_REQUEST', 'publicKey: not an Ed25519 public key (SPKI, base64).');
      const { person, credential } = d.invites.consume(remote.invite, key, remote.from);
      Object.assign(remote, { role: person.role, person, invite: null });
      person.sockets.set(ctx.clientId, remote.close);
      d.online.set(ctx.clientId, person);
      const session = await d.sessions.get(person.sessionId);
      await session.submit(joinedEvent(person, remote.from));
      return { credential, fingerprint: person.fingerprint, personId: person.personId };
    },
    'review:view': async (_p, ctx) => {
      const p = joined(ctx);
      const session = await d.sessions.get(p.sessionId);
      // Back after a drop (the credential in their tab): online again, and the journal says so.
      if (!d.online.has(ctx.clientId)) {
        p.sockets.set(ctx.clientId, ctx.remote!.close);
        d.online.set(ctx.clientId, p);
        await session.submit(joinedEvent(p, ctx.remote!.from));
      }
      const view = d.watch(session, ctx).view();
      return { view, me: { name: p.name, role: p.role, fingerprint: p.fingerprint } };
    },
    'review:terminals': async (_p, ctx) => {
      const session = await d.sessions.get(joined(ctx).sessionId);
      // The same rules as the live mirror: nothing secret leaves this machine in the replay either.
      const r = session.secrets.redactor();
      return d.ptys.mirrorOf(session.id).map((t) => ({ ...t, replay: r.redact(t.replay) }));
    },
    'review:decide': async ({ signed, signature }, ctx) => {
      const p = joined(ctx);
      refuseMismatch(p, signed);
      const sig = { publicKey: p.publicKey, fingerprint: p.fingerprint, value: signature };
      const why = signatureProblem(signed, sig);
      if (why) throw new TejunError('KEY_REFUSED', `Not recorded: ${why} Reload the page and try again.`);
      const session = await d.sessions.get(p.sessionId);
      if (samePerson(p.name, session.state.operator))
        throw new TejunError('FORBIDDEN', 'The operator cannot check their own step: a different person confirms it.');
      return session.submit({ type: 'review-decision', signed, signature: sig });
    },
    'review:note': async ({ text }, ctx) => {
      const p = joined(ctx);
      await (await d.sessions.get(p.sessionId)).submit({ type: 'note', text, by: `${p.name} (${p.role})` });
      return null;
    },
  };
}

/** What the person signed must be about them, their session, their role, and now. */
function refuseMismatch(p: Person, s: Signed): void {
  const no = (why: string) => {
    throw new TejunError('FORBIDDEN', why);
  };
  if (s.sessionId !== p.sessionId) no('That decision is about another session.');
  if (s.by !== p.name || s.role !== p.role) no('A decision is signed under your own name and role only.');
  if (s.decision === 'sign-off' && p.role !== 'approver') no('Only an approver signs off.');
  if (s.decision !== 'confirm' && s.decision !== 'sign-off' && !s.reason.trim()) no('A hold needs a reason.');
  const t = Date.parse(s.time);
  if (!Number.isFinite(t) || Math.abs(t - Date.now()) > CLOCK_SKEW_MS)
    no("The decision's time is more than 5 minutes off this host's clock: check your computer's clock.");
}

/** Only these fields reach the journal (never the credential, never the socket). */
export const joinedEvent = (p: Person, from: string) => ({
  type: 'person-joined' as const,
  personId: p.personId,
  name: p.name,
  role: p.role,
  fingerprint: p.fingerprint,
  from,
});
export const leftEvent = (p: Person, how: 'dropped' | 'revoked') => ({
  type: 'person-left' as const,
  personId: p.personId,
  name: p.name,
  how,
});
