// The rehearsal report never claims isolation or a count it did not have: an unobserved sandbox says
// the number is unknown, an observed one with nothing refused says who watched, and each refused
// attempt is listed under its step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allSteps } from '../../shared/model';
import { SessionStore } from '../session/sessions';
import { rehearsalReport } from './report';

const RUNBOOK = '# Drill\n\n## Phase 1: One (5 min)\n\n### 1.1 Check\n\n```bash\ncurl https://prod.example.com\n```\n';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function reportWith(observer: 'strace' | null, blocked: boolean): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-report-test-'));
  dirs.push(dir);
  const store = new SessionStore(dir);
  const s = await store.create(new TextEncoder().encode(RUNBOOK), 'drill.md', {
    rehearsal: true,
    speed: 1,
    operator: 'op',
  });
  const note = 'bubblewrap: no network (loopback only), file system read-only';
  await s.submit({ type: 'rehearsal-isolation', kind: 'bwrap', observer, readOnlyFs: true, note });
  const step = allSteps(s.doc.model)[0]!;
  if (blocked) {
    const at = { stepId: step.id, commandId: step.commands[0]!.id };
    await s.submit({
      type: 'sandbox-blocked',
      ...at,
      kind: 'network',
      target: '93.184.216.34:443',
      call: 'connect ENETUNREACH',
    });
  }
  await store.closeAll();
  return rehearsalReport(s.dir);
}

describe('rehearsalReport: isolation and blocked attempts', () => {
  it('a sandbox nobody watched: the number of blocked attempts is unknown, never "none"', async () => {
    const r = await reportWith(null, false);
    expect(r).toContain(
      '**Isolation**: bubblewrap: no network (loopback only), file system read-only · blocked attempts not observed',
    );
    expect(r).toMatch(
      /## Blocked by the sandbox \(would have reached production\)\n\n- not observed: the number is unknown/,
    );
  });

  it('a watched sandbox with nothing refused says who watched', async () => {
    expect(await reportWith('strace', false)).toContain('- none (strace watched connections and writes)');
  });

  it('each refused attempt is listed under its step', async () => {
    expect(await reportWith('strace', true)).toContain(
      '- **1.1 Check**: 1\n  - connect `93.184.216.34:443` (connect ENETUNREACH)',
    );
  });
});
