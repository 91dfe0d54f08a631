import { describe, expect, it } from 'vitest';
import { INVITE_TTL_MS, Invites } from './invites';

const key = { publicKey: 'PEM', fingerprint: 'SHA256:x' };

describe('invites', () => {
  it('opens once: a reused invite is refused, the credential it gave works until revoked', () => {
    const inv = new Invites();
    const { secret } = inv.create('s1', '佐藤', 'checker');
    expect(inv.peek(secret)?.name).toBe('佐藤');
    const { person, credential } = inv.consume(secret, key, '127.0.0.2');
    expect(inv.peek(secret)).toBeNull();
    expect(() => inv.consume(secret, key, '127.0.0.2')).toThrow(/already used/);
    expect(inv.byCredential(credential)?.personId).toBe(person.personId);
    let closed = 0;
    person.sockets.set('c1', () => closed++);
    inv.revoke(person.personId);
    expect(closed).toBe(1);
    expect(inv.byCredential(credential)).toBeNull();
  });

  it('refuses a forged, malformed or stale invite', () => {
    let now = 0;
    const inv = new Invites(() => now);
    const { secret } = inv.create('s1', 'A', 'watcher');
    expect(inv.peek('0'.repeat(64))).toBeNull();
    expect(inv.peek(secret.toUpperCase())).toBeNull();
    expect(inv.peek(`${secret}x`)).toBeNull();
    expect(inv.peek(null)).toBeNull();
    now = INVITE_TTL_MS + 1;
    expect(inv.peek(secret)).toBeNull();
  });

  it('withdraws an unused invite', () => {
    const inv = new Invites();
    const { invite, secret } = inv.create('s1', 'A', 'approver');
    inv.revoke(invite.id);
    expect(inv.peek(secret)).toBeNull();
  });
});
