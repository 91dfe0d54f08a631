import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Runbook } from '../shared/model';
import { main } from './index';
import { runbookJsonSchema } from './runbookCommands';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED0 = resolve(ROOT, '../shared/seeds/000_8597f5dc98a4b98d.txt');

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tejun parse', () => {
  it('prints the model as JSON in the documented shape', async () => {
    const r = await run(['parse', SEED0, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Runbook.safeParse(json).success).toBe(true);
    expect(json.phases[0]).toMatchObject({ title: 'フェーズ1: 準備（30分）', budgetMinutes: 30 });
    expect(json.phases[0].steps[1]).toMatchObject({ kind: 'before', estimateMinutes: null });
    expect(json.phases[0].steps[1].commands[0]).toHaveProperty('line', 83);
    expect(json.rollback).toMatchObject({ timeLimitMinutes: 120 });
  });
  it('prints a readable summary without --json', async () => {
    const r = await run(['parse', join(ROOT, 'runbooks/release-en.md')]);
    expect(r.out).toContain('Phase 1: Preparation (15 min)  [15 min]');
    expect(r.out).toContain('rollback: 3 criteria, limit 120 min');
  });
  it('says which file it could not read', async () => {
    const r = await run(['parse', '/no/such/runbook.md']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('/no/such/runbook.md: cannot open the runbook (no such file)');
  });
});

describe('tejun parse and lint on a procedure written without info strings', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tejun-roles-')), 'scale-down.md');
  writeFileSync(
    file,
    '# Scale down\n\n### Step 1\n\n```\nkubectl scale deploy/api --replicas=1\n```\n\nThe output should look like:\n\n```\ndeployment.apps/api scaled\n```\n\n### Step 2\n\nRun `kubectl get pods`.\n',
  );
  it('shows how each block was read, and why', async () => {
    const r = await run(['parse', file]);
    expect(r.out).toMatch(/line 5 +command +inferred +untagged block: its lines read as commands/);
    expect(r.out).toMatch(/line 11 +output +inferred +untagged block after "The output should look like:"/);
    expect(r.out).toMatch(/line 17 +command +inferred +inline code that the sentence says to run: kubectl get pods/);
  });
  it('suggests what to write so tejun reads it without guessing', async () => {
    const r = await run(['lint', file]);
    expect(r.out).toContain('block-role-inferred  tejun guessed the code block at line 5 is a command');
    expect(r.out).toContain('add `bash` to the fence');
    expect(r.out).toContain('write "**Expected output**:" on the line before');
    expect(r.out).toContain('inline-command  `kubectl get pods` is written only as inline code');
  });
});

describe('tejun lint', () => {
  it('exits 0 for a clean sample and 1 when there are errors', async () => {
    expect((await run(['lint', join(ROOT, 'runbooks/release-ja.md')])).code).toBe(0);
    const noRollback = resolve(ROOT, '../shared/seeds/002_2d4ead3c34fccf9e.txt');
    expect((await run(['lint', noRollback])).code).toBe(0);
  });
  it('prints file:line:column diagnostics, JSON and SARIF', async () => {
    const text = await run(['lint', SEED0]);
    expect(text.out).toMatch(/000_8597f5dc98a4b98d\.txt:\d+:\d+ {2}warning {2}undeclared-placeholder/);
    const json = JSON.parse((await run(['lint', SEED0, '--json'])).out);
    expect(json.diagnostics[0]).toEqual(
      expect.objectContaining({
        line: expect.any(Number),
        column: expect.any(Number),
        code: expect.any(String),
        severity: expect.any(String),
        message: expect.any(String),
      }),
    );
    const sarif = JSON.parse((await run(['lint', SEED0, '--format', 'sarif'])).out);
    expect(sarif.version).toBe('2.1.0');
  });
});

describe('the documented schema', () => {
  it('docs/runbook.schema.json is the schema of the model (run `npm run schema` after changing the model)', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'docs/runbook.schema.json'), 'utf8'))).toEqual(runbookJsonSchema());
  });
});
