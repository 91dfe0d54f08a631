// The invite listener's door, from outside with real sockets: TLS only, its own Host and Origin, an
// unused invite or a credential as the subprotocol; the certificate is kept owner-only and reused.
import { statSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCoreHost, type CoreHost } from '../core/host';
import { FileSettingsStore } from '../core/settings/settingsStore';
import type { InviteListener } from '../core/review/handlers';
import { offered, startInviteListener } from './invite';
import { inviteCert } from './inviteCert';

let core: CoreHost;
let listener: InviteListener;
let dataDir: string;
const origin = () => `https://127.0.0.1:${listener.port}`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tejun-invite-'));
  const staticDir = mkdtempSync(join(tmpdir(), 'tejun-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>tejun</title>');
  core = createCoreHost({ version: 'test', transport: 'web', dataDir, settings: FileSettingsStore.inDataDir(dataDir) });
  listener = await startInviteListener({ core, staticDir, dataDir, address: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await listener.close();
  core.dispose();
});

/** The status of a WebSocket upgrade with these subprotocols and Origin (101 when admitted). */
function upgrade(protocols: string[], headers: Record<string, string> = { Origin: origin() }): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`wss://127.0.0.1:${listener.port}/api`, protocols, { headers, rejectUnauthorized: false });
    ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', () => resolve(-1));
  });
}

describe('the invite listener', () => {
  it('keeps its key owner-only and the same certificate from one start to the next', async () => {
    expect(statSync(join(dataDir, 'invite', 'key.pem')).mode & 0o777).toBe(0o600);
    expect((await inviteCert(dataDir, '127.0.0.1')).sha256).toBe(listener.sha256);
  });

  it('speaks TLS only: a plain HTTP request gets no page', async () => {
    const answer = await new Promise<string>((resolve) => {
      const s = connect(listener.port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      let got = '';
      s.on('data', (d) => (got += d.toString('latin1')));
      s.on('close', () => resolve(got));
      s.on('error', () => resolve(got));
    });
    expect(answer).not.toContain('<title>tejun</title>');
  });

  it('serves the app only under its own address', async () => {
    const get = (host: string) =>
      new Promise<number>((resolve) => {
        const r = request(
          { host: '127.0.0.1', port: listener.port, path: '/', headers: { Host: host }, rejectUnauthorized: false },
          (res) => resolve(res.statusCode ?? 0),
        );
        r.end();
      });
    expect(await get(`127.0.0.1:${listener.port}`)).toBe(200);
    expect(await get(`evil.example:${listener.port}`)).toBe(400);
  });

  it('admits an unused invite once it is issued, and nothing forged, from another origin, or without one', async () => {
    const { secret } = core.invites.create('no-session', 'Sato', 'checker');
    expect(await upgrade(['tejun', `tejun.invite.${secret}`])).toBe(101);
    expect(await upgrade(['tejun', `tejun.invite.${'1'.repeat(64)}`])).toBe(401);
    expect(await upgrade(['tejun', `tejun.cred.${'2'.repeat(64)}`])).toBe(401);
    expect(await upgrade(['tejun'])).toBe(401);
    expect(await upgrade(['tejun', `tejun.invite.${secret}`], { Origin: 'https://evil.example' })).toBe(403);
  });

  it('answers an invitee nothing but the code and the join', async () => {
    const { secret } = core.invites.create('no-session', 'Sato', 'watcher');
    const ws = new WebSocket(`wss://127.0.0.1:${listener.port}/api`, ['tejun', `tejun.invite.${secret}`], {
      headers: { Origin: origin() },
      rejectUnauthorized: false,
    });
    await new Promise((r) => ws.once('open', r));
    const reply = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => {
      ws.once('message', (d) => resolve((JSON.parse(String(d)) as { reply: never }).reply));
      ws.send(JSON.stringify({ id: 1, channel: 'session:list', params: {} }));
    });
    expect(reply.error?.code).toBe('FORBIDDEN');
    ws.close();
  });

  it('reads the secret offered after its prefix', () => {
    expect(offered('tejun, tejun.invite.abc', 'tejun.invite.')).toBe('abc');
    expect(offered(undefined, 'tejun.invite.')).toBeNull();
  });
});
