// In a rehearsal the target probes answer through the shims, with the runbook's declared target, so the
// check passes without a real cluster or server; outside a probe the shim answers as before.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../runbook/parse';
import { PROBES } from '../terminal/targetProbe';
import { DEFAULT_PLAN } from './plan';
import { answerProbe, clearProbe, prepareSandbox } from './sandbox';

const RUNBOOK = [
  '# Drill',
  '',
  '## Phase 1: Check (5 min)',
  '',
  '**Target**: kube-context: prod-tokyo, host: db-primary-01',
  '',
  '### 1.1 Look',
  '',
  '```bash',
  'echo ok',
  '```',
  '',
].join('\n');

describe('target probes in a rehearsal', () => {
  it('shims the probe tools (hostname too) and answers a probe with the declared target, once', () => {
    const sb = prepareSandbox(mkdtempSync(join(tmpdir(), 'tejun-probe-')), parseRunbook(RUNBOOK), DEFAULT_PLAN);
    const bin = join(sb.dir, 'bin');
    expect(existsSync(join(bin, 'kubectl'))).toBe(true);
    expect(existsSync(join(bin, 'hostname'))).toBe(true);
    const run = (tool: string, args: string[]): string =>
      execFileSync(join(bin, tool), args, { encoding: 'utf8' }).trim();
    answerProbe(sb, 'kubectl', 'prod-tokyo');
    expect(run('kubectl', PROBES['kube-context'].command.split(' ').slice(1))).toBe('prod-tokyo');
    clearProbe(sb);
    expect(run('kubectl', ['config', 'current-context'])).toContain('simulated');
    answerProbe(sb, 'hostname', 'db-primary-01');
    expect(run('hostname', [])).toBe('db-primary-01');
    // A probe answer is for its own tool only.
    expect(run('kubectl', ['config', 'current-context'])).toContain('simulated');
  });
});
