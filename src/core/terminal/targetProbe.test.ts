// The comparison that decides whether a Run goes through: exact where a name is a name, forgiving only
// where the same target is commonly written two ways.
import { describe, expect, it } from 'vitest';
import { mismatchMessage, PROBES, probeAnswer, ProbeWaits, sameTarget } from './targetProbe';

describe('target comparison', () => {
  it('compares a kube context and a database exactly', () => {
    expect(sameTarget('kube-context', 'prod-tokyo', 'prod-tokyo')).toBe(true);
    expect(sameTarget('kube-context', 'prod-tokyo', 'staging')).toBe(false);
    expect(sameTarget('kube-context', 'prod-tokyo', 'prod-tokyo-2')).toBe(false);
    expect(sameTarget('database', 'production', 'Production')).toBe(false);
  });
  it('compares an AWS account by its digits, never an empty answer', () => {
    expect(sameTarget('aws-account', '1234-5678-9012', '123456789012')).toBe(true);
    expect(sameTarget('aws-account', '123456789012', '210987654321')).toBe(false);
    expect(sameTarget('aws-account', 'prod', '')).toBe(false);
  });
  it('matches a short host name to its FQDN, not to another host with the same prefix', () => {
    expect(sameTarget('host', 'db-primary-01', 'DB-PRIMARY-01.prod.internal')).toBe(true);
    expect(sameTarget('host', 'db-primary-01', 'db-primary-012')).toBe(false);
    expect(sameTarget('host', 'db-primary-01.prod', 'db-primary-01.stg')).toBe(false);
  });
  it("reads a probe's last line; a failed probe answers with its exit code and error, matching nothing", () => {
    expect(probeAnswer('  prod-tokyo \n', 0)).toBe('prod-tokyo');
    const failed = probeAnswer('error: current-context is not set', 1);
    expect(failed).toBe('(exit 1) error: current-context is not set');
    expect(sameTarget('kube-context', 'prod-tokyo', failed)).toBe(false);
  });
  it('names both values in the refusal, in Japanese and English', () => {
    const m = [{ kind: 'kube-context' as const, expected: 'prod-tokyo', actual: 'staging' }];
    expect(mismatchMessage(m, 'ja')).toContain('手順書は「prod-tokyo」、このターミナルは「staging」');
    expect(mismatchMessage(m, 'en')).toContain('the runbook says "prod-tokyo", this terminal is on "staging"');
  });
  it('probes with fixed commands, one per kind', () => {
    expect(PROBES['kube-context'].command).toBe('kubectl config current-context');
    expect(Object.values(PROBES).every((p) => !/[<>`$;|&]/.test(p.command))).toBe(true);
  });
});

describe('ProbeWaits', () => {
  it('gives the finished command to the waiting probe only, and null after the timeout', async () => {
    const w = new ProbeWaits<{ runId: string | null; out: string }>();
    const p = w.wait('t1', 'p1', 1000);
    expect(w.take('t1', { runId: 'other', out: 'x' })).toBe(false);
    expect(w.take('t2', { runId: null, out: 'x' })).toBe(false);
    expect(w.take('t1', { runId: 'p1', out: 'prod' })).toBe(true);
    await expect(p).resolves.toEqual({ runId: 'p1', out: 'prod' });
    await expect(w.wait('t1', null, 5)).resolves.toBeNull();
    expect(w.busy('t1')).toBe(false);
  });
});
