import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateReady, nextStep, walkList } from '../../shared/session/walk';
import { parseRunbook } from '../runbook/parse';
import { initialState } from './machine';

const model = parseRunbook(
  readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'), 'utf8'),
);
const done = (ids: string[]) =>
  Object.fromEntries(
    ids.map((id) => [id, { state: 'done' as const, startedAt: 1, endedAt: 2, reason: null, override: null }]),
  );

describe('walking a runbook', () => {
  it('offers the 正常? gate only once the verification phase (疎通確認) is finished, not before monitoring', () => {
    const upToDeploy = model.phases.slice(0, 3).flatMap((p) => p.steps.map((s) => s.id));
    const upToVerify = model.phases.slice(0, 4).flatMap((p) => p.steps.map((s) => s.id));
    const base = { ...initialState(), sessionId: 's', lifecycle: 'running' as const };
    expect(gateReady(model, { ...base, steps: done(upToDeploy) })).toBe(false);
    expect(gateReady(model, { ...base, steps: done(upToVerify) })).toBe(true);
  });
  it('walks the rollback steps once a rollback is declared', () => {
    const s = { ...initialState(), sessionId: 's', lifecycle: 'rollback' as const };
    expect(walkList(model, 'rollback').map((x) => x.title)[0]).toBe('ステップ1: 切り戻し宣言');
    expect(nextStep(model, s)?.title).toBe('ステップ1: 切り戻し宣言');
  });
});
