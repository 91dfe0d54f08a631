// Invites and the people who joined through them. An invite is a one-time secret per person and role:
// it is kept only as its SHA-256, consumed at join, and the joiner then holds a credential the operator
// can revoke (revoking closes their sockets at once). Nothing here touches the network.
import { createHash, randomBytes } from 'node:crypto';
import type { RemoteRole } from '../../shared/review';
import { TejunError } from '../../shared/errors';

export interface Invite {
  id: string;
  sessionId: string;
  name: string;
  role: RemoteRole;
  createdAt: number;
  usedAt: number | null;
}

export interface Person {
  personId: string;
  sessionId: string;
  name: string;
  role: RemoteRole;
  publicKey: string;
  fingerprint: string;
  from: string;
  revoked: boolean;
  /** Open sockets of this person: revoking closes each. */
  sockets: Map<string, () => void>;
}

const digest = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
const SECRET = /^[0-9a-f]{64}$/;
/** An invite not used within this time is void: a link forwarded tomorrow opens nothing. */
export const INVITE_TTL_MS = 12 * 60 * 60 * 1000;

export class Invites {
  private readonly invites = new Map<string, Invite>();
  private readonly credentials = new Map<string, Person>();
  readonly people = new Map<string, Person>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A new invite; the secret is returned once (for the link) and never kept. */
  create(sessionId: string, name: string, role: RemoteRole): { invite: Invite; secret: string } {
    const secret = randomBytes(32).toString('hex');
    const invite: Invite = {
      id: randomBytes(6).toString('hex'),
      sessionId,
      name: name.normalize('NFC').trim(),
      role,
      createdAt: this.now(),
      usedAt: null,
    };
    this.invites.set(digest(secret), invite);
    return { invite, secret };
  }

  /** The invite a secret opens, unused and in time; null for a forged, reused, withdrawn or stale one. */
  peek(secret: string | null): Invite | null {
    if (!secret || !SECRET.test(secret)) return null;
    const inv = this.invites.get(digest(secret));
    if (!inv || inv.usedAt !== null || this.now() - inv.createdAt > INVITE_TTL_MS) return null;
    return inv;
  }

  /** Join: the invite is used up, the person registered with their public key; their credential is returned once. */
  consume(
    secret: string,
    key: { publicKey: string; fingerprint: string },
    from: string,
  ): { person: Person; credential: string } {
    const inv = this.peek(secret);
    if (!inv)
      throw new TejunError(
        'FORBIDDEN',
        'This invite was already used, withdrawn or never issued. Ask the operator for a new one.',
      );
    inv.usedAt = this.now();
    const credential = randomBytes(32).toString('hex');
    const person: Person = {
      personId: inv.id,
      sessionId: inv.sessionId,
      name: inv.name,
      role: inv.role,
      ...key,
      from,
      revoked: false,
      sockets: new Map(),
    };
    this.people.set(person.personId, person);
    this.credentials.set(digest(credential), person);
    return { person, credential };
  }

  byCredential(credential: string | null): Person | null {
    if (!credential || !SECRET.test(credential)) return null;
    const p = this.credentials.get(digest(credential));
    return p && !p.revoked ? p : null;
  }

  /** Cut someone off: their credential stops working and every socket of theirs closes now. */
  revoke(personOrInviteId: string): Person | null {
    for (const [h, inv] of this.invites) if (inv.id === personOrInviteId && inv.usedAt === null) this.invites.delete(h);
    const p = this.people.get(personOrInviteId);
    if (!p) return null;
    p.revoked = true;
    for (const close of p.sockets.values()) close();
    p.sockets.clear();
    return p;
  }

  list(sessionId?: string): { invites: Invite[]; people: Person[] } {
    const mine = <T extends { sessionId: string }>(x: T) => sessionId === undefined || x.sessionId === sessionId;
    return { invites: [...this.invites.values()].filter(mine), people: [...this.people.values()].filter(mine) };
  }

  /** Everyone off (the listener stops). */
  closeAll(): void {
    for (const p of this.people.values()) this.revoke(p.personId);
    this.invites.clear();
  }
}
