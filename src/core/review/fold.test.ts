// Four eyes in the session's fold and at Run, over a real session (journal, fsync): the confirmation is bound
// to the rendered text's hash, a hold raises the rollback question, the operator cannot check their own step.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSteps } from '../../shared/model';
import type { PersonSignature, Signed } from '../../shared/review';
import { SessionStore } from '../session/sessions';
import { bind, fourEyesGate } from './gate';

const RUNBOOK = readFileSync(resolve(import.meta.dirname, '../../../runbooks/release-en.md'));
const sig: PersonSignature = { publicKey: 'k', fingerprint: 'SHA256:k', value: 'v' };

async function running() {
  const store = new SessionStore(mkdtempSync(join(tmpdir(), 'tejun-4e-')));
  const s = await store.create(RUNBOOK, 'release-en.md', { rehearsal: false, speed: 1, operator: 'Aiko' });
  const step = allSteps(s.doc.model).find((x) => x.kind === 'change' && x.commands.length)!;
  await s.submit({ type: 'four-eyes-set', stepId: '*', on: true, by: 'Aiko' });
  const decision = (d: Partial<Signed>): Signed => ({
    sessionId: s.id,
    stepId: step.id,
    commandId: step.commands[0]!.id,
    textHash: '',
    decision: 'confirm',
    reason: '',
    by: 'Sato',
    role: 'checker',
    time: new Date().toISOString(),
    ...d,
  });
  return { s, step, commandId: step.commands[0]!.id, decision };
}

describe('four eyes', () => {
  it('waits at Run, runs the exact text confirmed, and asks again when the text changes', async () => {
    const { s, step, commandId, decision } = await running();
    await expect(fourEyesGate(s, step, commandId, 'deploy v1', 'Aiko')).rejects.toMatchObject({
      code: 'WAITING_FOR_CHECKER',
    });
    const { textHash } = bind(s, 'deploy v1');
    expect(s.state.review.requests[commandId]?.textHash).toBe(textHash);
    await s.submit({ type: 'review-decision', signed: decision({ textHash }), signature: sig });
    await expect(fourEyesGate(s, step, commandId, 'deploy v1', 'Aiko')).resolves.toBeUndefined();
    // One character differs: the confirmation is void, a new request is journaled.
    await expect(fourEyesGate(s, step, commandId, 'deploy v2', 'Aiko')).rejects.toMatchObject({
      code: 'WAITING_FOR_CHECKER',
    });
    expect(s.state.review.requests[commandId]?.textHash).toBe(bind(s, 'deploy v2').textHash);
  });

  it('refuses an answer about another text than the one shown', async () => {
    const { s, step, commandId, decision } = await running();
    await fourEyesGate(s, step, commandId, 'deploy v1', 'Aiko').catch(() => {});
    await expect(
      s.submit({ type: 'review-decision', signed: decision({ textHash: 'f'.repeat(64) }), signature: sig }),
    ).rejects.toThrow(/changed since it was shown/);
  });

  it('never lets the operator check their own step, however the name is typed', async () => {
    const { s, step, commandId, decision } = await running();
    await fourEyesGate(s, step, commandId, 'deploy v1', 'Aiko').catch(() => {});
    const { textHash } = bind(s, 'deploy v1');
    await expect(
      s.submit({ type: 'review-decision', signed: decision({ textHash, by: ' Aiko ' }), signature: sig }),
    ).rejects.toThrow(/cannot check their own step/);
  });

  it('raises the rollback question on a hold, with who held it and why', async () => {
    const { s, step, commandId, decision } = await running();
    await fourEyesGate(s, step, commandId, 'deploy v1', 'Aiko').catch(() => {});
    const { textHash } = bind(s, 'deploy v1');
    const hold = decision({ textHash, decision: 'hold', reason: 'wrong namespace' });
    await s.submit({ type: 'review-decision', signed: hold, signature: sig });
    expect(s.state.attention).toMatchObject({ kind: 'review-hold', stepId: step.id, detail: 'Sato: wrong namespace' });
    await expect(fourEyesGate(s, step, commandId, 'deploy v1', 'Aiko')).rejects.toMatchObject({
      code: 'WAITING_FOR_CHECKER',
    });
  });

  it('lets the operator proceed without a checker only with a reason, for that text', async () => {
    const { s, step, commandId } = await running();
    await fourEyesGate(s, step, commandId, 'deploy v1', 'Aiko').catch(() => {});
    const { textHash } = bind(s, 'deploy v1');
    await s.submit({
      type: 'review-override',
      stepId: step.id,
      commandId,
      textHash,
      reason: 'Sato dropped',
      by: 'Aiko',
    });
    await expect(fourEyesGate(s, step, commandId, 'deploy v1', 'Aiko')).resolves.toBeUndefined();
  });

  it('shows the checker a secret masked, and binds to a hash that is not a plain hash of the secret', async () => {
    const { s } = await running();
    const a = bind(s, 'mysql --password=hunter2 -e "select 1"');
    const b = bind(s, 'mysql --password=hunter3 -e "select 1"');
    expect(a.shown).not.toContain('hunter2');
    expect(a.shown).toBe(b.shown);
    expect(a.textHash).not.toBe(b.textHash);
    const plain = createHash('sha256').update('mysql --password=hunter2 -e "select 1"').digest('hex');
    expect(a.textHash).not.toBe(plain);
  });

  it("counts an approver's signed sign-off only on a completed session", async () => {
    const { s, decision } = await running();
    const signOff = decision({ decision: 'sign-off', by: 'Ken', role: 'approver', textHash: '0'.repeat(64) });
    await expect(s.submit({ type: 'review-decision', signed: signOff, signature: sig })).rejects.toThrow(
      /completed session only/,
    );
    await s.submit({ type: 'complete', outcome: 'aborted', by: 'Aiko', note: '' });
    await s.submit({ type: 'review-decision', signed: signOff, signature: sig });
    expect(s.state.review.signOffs).toEqual([expect.objectContaining({ by: 'Ken', fingerprint: 'SHA256:k' })]);
  });
});
