// What a production procedure calls that this machine does not have (a binary under /opt, a tool behind
// sudo with its own environment, a relative bin/ script, another user's login shell, a production log)
// is answered by the shims and never fails with 127; each such call is said to be simulated, never a
// passed check. A reference document has nothing to rehearse, which is not a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunbook } from '../runbook/parse';
import { runDrill } from './drill';
import { DEFAULT_PLAN } from './plan';
import { prepareSandbox } from './sandbox';

// A folder no machine has: the drill must not depend on what happens to be installed here.
const NOWHERE = `/opt/tejun-absent-${process.pid}`;
const STEPS: [string, string, string | null][] = [
  ['Schema version behind sudo', `sudo -u chat ${NOWHERE}/bin/chat db version --all`, 'Current version: 131'],
  ['Called by its path', `${NOWHERE}/bin/pg_upgrade --check`, '*Clusters are compatible*'],
  ['A relative script', 'sudo -u app RAILS_ENV=production bin/tootctl media remove --days=7', null],
  ['A production log', `sudo tail -n 5 /var/log/tejun-absent-${process.pid}/server.log`, 'server started'],
  ['Another user', 'sudo su - tejunnosuchuser -c "cd live && bin/tootctl cache clear"', null],
];

const RUNBOOK = [
  '# Absent',
  '',
  '## Phase 1: Production-only tools (10 min)',
  '',
  ...STEPS.flatMap(([t, c, out], i) => [
    `### 1.${i + 1} ${t}`,
    '',
    '```bash',
    c,
    '```',
    '',
    ...(out ? ['```', out, '```', ''] : []),
  ]),
].join('\n');

let priv: string;
const before = process.env.TMPDIR;
beforeAll(() => {
  priv = mkdtempSync(join(tmpdir(), 'tejun-absent-'));
  process.env.TMPDIR = priv;
});
afterAll(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  rmSync(priv, { recursive: true, force: true });
});

describe('a drill over tools that are not on this machine', () => {
  it(
    'ends as planned, fails no check, and names each call as simulated in the report',
    { timeout: 90_000 },
    async () => {
      expect(existsSync(NOWHERE)).toBe(false);
      const work = mkdtempSync(join(priv, 'work-'));
      const rb = join(work, 'absent.md');
      writeFileSync(rb, RUNBOOK);
      const lines: string[] = [];
      const r = await runDrill({ runbook: rb, out: join(work, 'out'), log: (l) => lines.push(l) });
      const log = lines.join('\n');
      expect(r.reason, log).toMatch(/ended success, as the plan expected/);
      expect(r.failedChecks).toBe(0);
      expect(r.cutShort).toEqual([]);
      expect(r.commands).toBe(STEPS.length);
      expect(r.simulatedAbsent.join('\n')).toContain(`${NOWHERE}/bin/chat db version --all`);
      expect(r.simulatedAbsent.join('\n')).toContain(`${NOWHERE}/bin/pg_upgrade --check`);
      expect(r.simulatedAbsent.join('\n')).toContain('bin/tootctl media remove');
      expect(r.simulatedAbsent.join('\n')).toContain('server.log');
      expect(r.simulatedAbsent.join('\n')).toContain('su');
      expect(log).not.toMatch(/exit 127/);
      const report = readFileSync(
        r.files.find((f) => f.endsWith('.report.md'))!,
        'utf8',
      );
      const section = report.split('## Simulated: not on this machine')[1]!.split('\n## ')[0]!;
      for (const [title] of STEPS) expect(section).toContain(title);
      expect(section).not.toContain('- none');
      // Nothing here passed a check: no command-run of these is a match.
      const journal = readFileSync(join(r.sessionDir, 'journal.jsonl'), 'utf8');
      const runs = journal
        .split('\n')
        .filter((l) => l.includes('"type":"command-run"'))
        .map((l) => (JSON.parse(l) as { event: { comparison: { result: string } } }).event.comparison.result);
      expect(runs).toEqual(STEPS.map(() => 'not-comparable'));
      expect(readdirSync(priv).filter((f) => f.startsWith('tejun-drill-'))).toEqual([]);
    },
  );

  it('seed 003 (policy as data, no commands) has nothing to rehearse, and that is not a failure', async () => {
    const seed = resolve(__dirname, '../../../../shared/seeds/003_14b367f295624472.txt');
    const r = await runDrill({ runbook: seed, out: join(priv, 'out-003') });
    expect(r).toMatchObject({ ok: true, steps: 0, commands: 0, failedChecks: 0, outcome: null });
    expect(r.reason).toMatch(/^nothing to rehearse: .*reference document/);
    expect(existsSync(join(priv, 'out-003'))).toBe(false);
  });
});

describe('the shell answers what is not here', () => {
  const model = parseRunbook(
    `# T\n\n## Phase 1: A (1 min)\n\n### 1.1 A\n\n\`\`\`bash\n${NOWHERE}/bin/chat ping\n./deploy.sh now\n\`\`\`\n`,
  );
  const run = (script: string, interactive = false, shell = 'bash') => {
    const dir = mkdtempSync(join(priv, 'sh-'));
    const sb = prepareSandbox(dir, model, DEFAULT_PLAN, { ...process.env, TEJUN_REHEARSAL_SANDBOX: 'off' });
    const args = interactive ? [shell === 'zsh' ? '-f' : '--norc', '-i', '-c'] : ['-c'];
    const r = spawnSync(shell, [...args, `. '${sb.dir}/env.sh'; cd '${dir}'; ${script}`], {
      env: { ...process.env, ...sb.env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    const shimLog = join(sb.dir, 'shim.log');
    const calls = (existsSync(shimLog) ? readFileSync(shimLog, 'utf8') : '')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { tool: string; result: string });
    return { out: r.stdout, code: r.status, calls };
  };

  it.each(['bash', 'zsh'])('%s: a path the runbook calls, and a name not on PATH: the shim, logged absent', (shell) => {
    const r = run(
      `${NOWHERE}/bin/chat ping; echo "rc=$?"; ./deploy.sh now; tejunnosuchtool --x; echo "rc=$?"; backup:; echo "label=$?"`,
      false,
      shell,
    );
    expect(r.out).toContain('label=127');
    expect(r.out).toContain('rc=0\n');
    expect(r.out).not.toContain('rc=127');
    expect(r.out).toContain(`${NOWHERE}/bin/chat is not on this machine`);
    expect(r.calls.map((c) => [c.tool, c.result])).toEqual([
      [`${NOWHERE}/bin/chat`, 'absent'],
      ['./deploy.sh', 'absent'],
      ['tejunnosuchtool', 'absent'],
    ]);
  });

  it('a relative path that is there runs the real file', () => {
    const r = run(`printf '#!/bin/sh\\necho real-deploy\\n' > deploy.sh; /bin/chmod +x deploy.sh; ./deploy.sh now`);
    expect(r.out).toContain('real-deploy');
    expect(r.calls).toEqual([]);
  });

  it('`su -c` and `sudo VAR=x cmd` run as the operator; `bash -c` inside answers what is not here', () => {
    const r = run(
      `su -c 'echo "as-operator"'; sudo -u app GREETING=hi sh -c 'echo "$GREETING"'; bash -c '${NOWHERE}/bin/chat x'`,
    );
    expect(r.out).toContain('as-operator');
    expect(r.out).toContain('hi\n');
    expect(r.calls.map((c) => c.result)).toContain('absent');
  });

  it("the runbook's `exit` out of `sudo su - app` leaves this shell open", () => {
    const r = run('sudo su - app; exit; echo "still-here"; exit 3', true);
    expect(r.out).toContain('login shell is not opened');
    expect(r.out).toContain('still-here');
    expect(r.code).toBe(3);
  });
});
