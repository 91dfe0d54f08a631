import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, parsePlan } from './plan';

describe('rehearsal plans', () => {
  it('reads a plan, with defaults for what it leaves out', () => {
    const p = parsePlan('speed: 60\nfaults:\n  - step: デプロイ実行\n    symptom: boom\n');
    expect(p.speed).toBe(60);
    expect(p.faults[0]).toEqual({ step: 'デプロイ実行', symptom: 'boom', exitCode: 1 });
    expect(p.onFailure.choice).toBe('rollback');
    expect(parsePlan('')).toEqual(DEFAULT_PLAN);
  });
  it.each([
    ['speed: 7', /plan.yaml: speed/],
    ['faults: [ {', /plan.yaml: not valid YAML/],
    ['faults:\n  - symptom: x', /faults\.0\.step/],
    ['unknown: 1', /Unrecognized key/],
    ['\u0000\u0001binary', /plan.yaml/],
  ])('names the file and the field for %j', (text, message) =>
    expect(() => parsePlan(text, 'plan.yaml')).toThrow(message),
  );
});
