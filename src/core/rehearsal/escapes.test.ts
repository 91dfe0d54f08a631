// The attacker's runbook (runbooks/rehearsal-escapes-en.md), rehearsed headless with a real listener on
// 127.0.0.1 standing in for production and a marker file outside the rehearsal folder. In the OS
// sandbox: the listener hears nothing, the marker is unchanged, and the report lists each refused
// attempt against its step. With the sandbox forced off: "shims only", and the drill fails by default.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRunbook } from '../runbook/parse';
import { runDrill } from './drill';
import { detectIsolation } from './isolation';
import { commandTools } from './tools';

const SOURCE = resolve(import.meta.dirname, '../../../runbooks/rehearsal-escapes-en.md');
// Held by the shims already (the program is shimmed): answered, never run.
const HELD = ['command curl', 'Backslashed curl', 'env curl', 'bash -c', 'perl', 'A name lookup'];
const work = mkdtempSync(join(tmpdir(), 'tejun-escapes-test-'));
const markerDir = mkdtempSync('/var/tmp/tejun-escapes-');
const marker = join(markerDir, 'marker.txt');
let server: Server;
let port = 0;
const heard: string[] = [];

/** The runbook aimed at this test's listener and marker. */
function runbook(): string {
  const text = readFileSync(SOURCE, 'utf8')
    .replaceAll('47015', String(port))
    .replaceAll('/var/tmp/tejun-escapes', markerDir);
  const f = join(work, `escapes-${port}.md`);
  writeFileSync(f, text);
  return f;
}

const report = (out: string) =>
  readFileSync(
    join(
      out,
      readdirSync(out).find((f) => f.endsWith('.report.md'))!,
    ),
    'utf8',
  );

beforeAll(async () => {
  server = createServer((s) => {
    heard.push(`${s.remoteAddress}:${s.remotePort}`);
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  writeFileSync(marker, 'original\n');
});

afterAll(() => {
  server.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(markerDir, { recursive: true, force: true });
});

describe('the escapes runbook', () => {
  it('flags every escape that gets past the shims, so a shims-only rehearsal asks first', () => {
    const model = parseRunbook(readFileSync(SOURCE, 'utf8'));
    // The escapes (the rollback's one harmless step aside).
    const steps = model.phases.flatMap((p) => p.steps);
    expect(steps.length).toBeGreaterThanOrEqual(26);
    // An unquoted `> /abs` held too: the rehearsal moves it under its own root.
    const held = [...HELD, 'Write to an unquoted absolute path'];
    for (const s of steps.filter((x) => !held.some((h) => x.title.includes(h)))) {
      expect(commandTools(s.commands[0]!.text).bypass, s.title).not.toEqual([]);
    }
  });

  it('the listener really listens (a connection from outside a sandbox reaches it)', () => {
    const r = spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]);
    expect(r.status).toBe(0);
  });
});

const sandboxed = detectIsolation({}).kind === 'bwrap';

describe.skipIf(!sandboxed)('rehearsed headless inside bubblewrap', () => {
  it(
    'reaches nothing, changes nothing, and reports every refused attempt against its step',
    { timeout: 240_000 },
    async () => {
      await new Promise((r) => setTimeout(r, 300));
      heard.length = 0;
      const out = join(work, 'sandboxed');
      const lines: string[] = [];
      const r = await runDrill({ runbook: runbook(), out, log: (l) => lines.push(l) });
      expect(r.isolation).toBe('bwrap');
      expect(heard, lines.join('\n')).toEqual([]);
      expect(readFileSync(marker, 'utf8')).toBe('original\n');
      expect(existsSync(join(homedir(), '.tejun-escape-marker'))).toBe(false);
      // Nothing was compared against an answer the runbook never gave: the drill ends as planned.
      expect(r.reason, lines.join('\n')).toMatch(/ended success/);
      const text = report(out);
      expect(text).toContain('bubblewrap: no network');
      const section = text.split('## Blocked by the sandbox (would have reached production)')[1]!.split('\n## ')[0]!;
      const network = [
        'Raw socket',
        'held in a variable',
        'alias',
        'env with its own PATH',
        'command -p',
        'which finds',
        'eval',
        "awk's",
        'python3',
        'wget by its path',
        'hash -p',
        'export PATH',
      ];
      for (const step of network)
        expect(section, step).toMatch(
          new RegExp(
            `\\*\\*1\\.\\d+ [^*]*${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^*]*\\*\\*: \\d+\\n  - connect \`127\\.0\\.0\\.1:(${port}|9)\``,
          ),
        );
      for (const step of ['quoted absolute path', 'Clobber', 'tee', 'sed -i', 'cd, then', 'sort -o']) {
        expect(section, step).toMatch(
          new RegExp(`\\*\\*1\\.\\d+ [^*]*${step}[^*]*\\*\\*: \\d+\\n(  - .*\\n)*  - write \`${markerDir}`),
        );
      }
      // Only what a test cannot see from outside is left to the report; what the shims answered is not in it.
      for (const step of HELD) expect(section).not.toContain(step);
      expect(r.blocked).toBeGreaterThanOrEqual(network.length + 6);
    },
  );
});

describe('rehearsed headless with the sandbox forced off', () => {
  it(
    'says "shims only", stops at the first flagged command (flagged: fail by default), and reaches nothing',
    { timeout: 120_000 },
    async () => {
      process.env.TEJUN_REHEARSAL_SANDBOX = 'off';
      try {
        heard.length = 0;
        const out = join(work, 'open');
        const r = await runDrill({ runbook: runbook(), out });
        expect(r.isolation).toBe('shims-only');
        expect(r.ok).toBe(false);
        expect(r.reason).toMatch(
          /Raw socket through \/dev\/tcp.*shims only — commands can reach the network.*flagged: fail/,
        );
        expect(r.commands).toBe(0);
        expect(heard).toEqual([]);
        expect(readFileSync(marker, 'utf8')).toBe('original\n');
        const text = report(out);
        expect(text).toContain('**Isolation**: shims only — commands can reach the network');
        expect(text).toContain('no sandbox: nothing was blocked — commands could reach production');
      } finally {
        delete process.env.TEJUN_REHEARSAL_SANDBOX;
      }
    },
  );
});

mkdirSync(work, { recursive: true });
