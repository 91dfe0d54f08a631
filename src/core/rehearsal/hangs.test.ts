// A drill never hangs: editors, pagers, followers and monitors are answered by their shims at once; a
// command still waiting at its time limit is interrupted and reported as cut short; an empty command is
// never sent; a `$ ` prompt copied into a command is not run as a command. And every temporary folder the
// drill made is gone afterwards, whether it ended as planned or not.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDrill } from './drill';

const STEPS: [string, string][] = [
  ['An editor', 'nano .config/default.yml'],
  ['A pager', 'less /etc/hostname'],
  ['A follower', 'tail -f /etc/hostname'],
  ['A monitor', 'top'],
  ['A watch', 'watch -n 5 kubectl get pods'],
  ['A prompt copied in', '$ tag=$(echo v1.2.3) && echo "tag $tag"'],
  ['Only a comment', '# nothing to run here'],
  ['A question', 'read -r -p "Continue? " answer'],
  ['A long sleep', 'sleep 600'],
];

const RUNBOOK = [
  '# Hangs',
  '',
  '## Phase 1: Everything that waits (10 min)',
  '',
  ...STEPS.flatMap(([t, c], i) => [`### 1.${i + 1} ${t}`, '', '```bash', c, '```', '']),
].join('\n');

let priv: string;
const before = process.env.TMPDIR;
beforeAll(() => {
  // The drill's own temporary folders land here, so what is left over can be counted without other runs.
  priv = mkdtempSync(join(tmpdir(), 'tejun-hangs-'));
  process.env.TMPDIR = priv;
});
afterAll(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  rmSync(priv, { recursive: true, force: true });
});

const leftovers = () => readdirSync(priv).filter((f) => f.startsWith('tejun-drill-'));

describe('a drill over everything that waits for a person', () => {
  it(
    'finishes, cuts short only what had to be, compares nothing it cannot, and leaves no temporary folder',
    { timeout: 120_000 },
    async () => {
      const work = mkdtempSync(join(priv, 'work-'));
      const rb = join(work, 'hangs.md');
      writeFileSync(rb, RUNBOOK);
      const plan = join(work, 'plan.yaml');
      writeFileSync(plan, 'commandTimeout: 3\n');
      const lines: string[] = [];
      const r = await runDrill({ runbook: rb, plan, out: join(work, 'out'), log: (l) => lines.push(l) });
      const log = lines.join('\n');
      expect(r.reason, log).toMatch(/ended success/);
      expect(r.cutShort.map((c) => c.split(':')[0])).toEqual(['1.8 A question', '1.9 A long sleep']);
      expect(log).toMatch(/1\.7 Only a comment: an empty command, not sent/);
      expect(log).toMatch(/1\.6 A prompt copied in: tag=\$\(echo v1\.2\.3\).* → exit 0/);
      expect(log).not.toMatch(/ mismatch/);
      const report = readFileSync(
        join(
          work,
          'out',
          readdirSync(join(work, 'out')).find((f) => f.endsWith('.report.md'))!,
        ),
        'utf8',
      );
      expect(report).toMatch(
        /## Commands cut short by the time limit\n\n- 1\.8 A question: `read -r -p "Continue\? " answer` — cut short after 3 s/,
      );
      expect(leftovers()).toEqual([]);
    },
  );

  it(
    'a drill that fails (a flagged command, flagged: fail) also leaves nothing behind',
    { timeout: 60_000 },
    async () => {
      const work = mkdtempSync(join(priv, 'work-'));
      const rb = join(work, 'flagged.md');
      writeFileSync(
        rb,
        '# Flagged\n\n## Phase 1: One (5 min)\n\n### 1.1 Direct\n\n```bash\n/usr/bin/curl https://prod.example.com\n```\n',
      );
      const plan = join(work, 'plan.yaml');
      writeFileSync(plan, 'flagged: fail\n');
      const r = await runDrill({ runbook: rb, plan, out: join(work, 'out') });
      expect(r.ok).toBe(false);
      expect(r.reason).toMatch(/1\.1 Direct.*\/usr\/bin\/curl.*flagged: fail/);
      expect(leftovers()).toEqual([]);
    },
  );
  it(
    'a command that ends its own shell and then its time runs out: a new shell, and the drill goes on',
    { timeout: 90_000 },
    async () => {
      const work = mkdtempSync(join(priv, 'work-'));
      const rb = join(work, 'exits.md');
      writeFileSync(
        rb,
        '# Exits\n\n## Phase 1: Two (5 min)\n\n### 1.1 Leaves\n\n```bash\nexit\n```\n\n### 1.2 After\n\n```bash\necho still-here\n```\n',
      );
      const plan = join(work, 'plan.yaml');
      writeFileSync(plan, 'commandTimeout: 3\n');
      const r = await runDrill({ runbook: rb, plan, out: join(work, 'out') });
      expect(r.reason).toMatch(/ended success/);
      expect(r.commands).toBe(2);
      expect(leftovers()).toEqual([]);
    },
  );
});
