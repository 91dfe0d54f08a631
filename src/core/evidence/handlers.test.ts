// The evidence channels through the host's own dispatch, as the page reaches them: a sign-off made up
// by a client is refused at the API; the real one (a key unlocked by its passphrase) is journaled
// signed; the in-app verification speaks the same words and names as `tejun verify`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/rpc';
import { createCoreHost, type ClientCtx } from '../host';
import { FileSettingsStore } from '../settings/settingsStore';
import { finishedRehearsal } from './testSession';

const SEED000 = readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'));

describe('evidence over the API of a production session', async () => {
  const { session, store, dataDir } = await finishedRehearsal(SEED000, '000_release.md', { production: true });
  await store.closeAll();
  const host = createCoreHost({
    version: 'test',
    transport: 'web',
    dataDir,
    settings: new FileSettingsStore(join(dataDir, 'settings.json')),
  });
  afterAll(() => host.dispose());
  const ctx: ClientCtx = { clientId: 'page', emit: () => {} };
  const call = (channel: string, params: unknown) => dispatch(host.handlers, channel, params, ctx);
  const sessionId = session.id;
  // Bundles go up as the page sends them: begin (size, digest), chunks, end; then the upload's id is the bundle.
  const upload = async (base64: string): Promise<string> => {
    const bytes = Buffer.from(base64, 'base64');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const begun = await call('upload:begin', { size: bytes.length, sha256 });
    if (!begun.ok) throw new Error(begun.error.message);
    const { uploadId } = begun.result as { uploadId: string };
    const sent = await call('upload:chunk', { uploadId, offset: 0, base64 });
    if (!sent.ok) throw new Error(sent.error.message);
    const ended = await call('upload:end', { uploadId });
    if (!ended.ok) throw new Error(ended.error.message);
    return uploadId;
  };
  const fingerprintIn = (lines: string[]) => /SHA256:[A-Za-z0-9+/]{43}/.exec(lines.join('\n'))![0];

  it('refuses an unsigned sign-off sent as a session command, and records nothing', async () => {
    const forged = await call('session:command', {
      sessionId,
      command: { type: 'sign-off', role: 'approver', by: 'CISO Boss', fingerprint: 'SHA256:made-up' },
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const note = await call('session:command', {
      sessionId,
      command: {
        type: 'note',
        text: 'x',
        by: 'CISO Boss',
        signature: { publicKey: 'k', fingerprint: 'SHA256:made-up', after: '0'.repeat(64), value: 'v' },
      },
    });
    expect(note).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const view = await call('session:open', { sessionId });
    expect(view).toMatchObject({ ok: true, result: { state: { lifecycle: 'completed', signOffs: [] } } });
  });

  it('signs off for real, and verifies in the app with the trust list of the data folder', async () => {
    const signed = await call('evidence:signOff', { sessionId, name: '山田', passphrase: 'operator passphrase' });
    if (!signed.ok) throw new Error(signed.error.message);
    const { file } = signed.result as { fingerprint: string; file: { base64: string } };
    const before = await call('evidence:verify', { upload: await upload(file.base64) });
    expect(before).toMatchObject({ ok: true, result: { ok: false, verdict: 'UNTRUSTED' } });
    const lines = (before as { result: { lines: string[] } }).result.lines;
    writeFileSync(
      join(dataDir, 'trust.yaml'),
      `signers:\n  - { name: 山田 太郎, fingerprint: "${fingerprintIn(lines)}", roles: [operator] }\n`,
    );
    const after = await call('evidence:verify', { upload: await upload(file.base64) });
    expect(after).toMatchObject({ ok: true, result: { verdict: 'MISSING' } });
    expect((after as { result: { lines: string[] } }).result.lines.join('\n')).toMatch(/signer: +operator +山田 太郎 /);

    // The approver counter-signs a bundle that is only missing the approver; then it is listed too.
    const counter = await call('evidence:countersign', {
      upload: await upload(file.base64),
      name: 'Sato',
      passphrase: 'approver passphrase',
    });
    if (!counter.ok) throw new Error(counter.error.message);
    const c = counter.result as { file: { base64: string }; verification: { verdict: string; lines: string[] } };
    expect(c.verification.verdict).toBe('UNTRUSTED');
    const approverFp = /signer: +approver +UNTRUSTED key \(claimed "Sato"\) +(SHA256:\S+)/.exec(
      c.verification.lines.join('\n'),
    )![1];
    writeFileSync(
      join(dataDir, 'trust.yaml'),
      `${readFileSync(join(dataDir, 'trust.yaml'), 'utf8')}  - { name: 佐藤 花子, fingerprint: "${approverFp}", roles: [approver] }\n`,
    );
    const ok = await call('evidence:verify', { upload: await upload(c.file.base64) });
    expect(ok).toMatchObject({ ok: true, result: { ok: true, verdict: 'OK' } });
    expect((ok as { result: { lines: string[] } }).result.lines.join('\n')).toMatch(/signer: +approver +佐藤 花子 /);
  });
});
