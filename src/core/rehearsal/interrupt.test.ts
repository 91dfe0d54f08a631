// Ctrl-C on `tejun rehearse --headless` (a real SIGINT to the CLI process, mid-command): the drill's
// shells and what they ran are gone, and so is every temporary folder it made (the session with its
// secrets, the throw-away key) — inside the OS sandbox and with the shims only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'bin/tejun.mjs');

async function interrupted(
  sandbox: 'auto' | 'off',
  signal: NodeJS.Signals,
): Promise<{ left: string[]; code: number | null; sig: string | null; sleeping: boolean }> {
  const priv = mkdtempSync(join(tmpdir(), 'tejun-interrupt-'));
  const secs = 600 + Math.floor(Math.random() * 300);
  const rb = join(priv, 'long.md');
  writeFileSync(
    rb,
    `# Long\n\n## Phase 1: Wait (10 min)\n\n### 1.1 Quick\n\n\`\`\`bash\necho ready\n\`\`\`\n\n### 1.2 Long\n\n\`\`\`bash\nsleep ${secs}\n\`\`\`\n`,
  );
  const env = { ...process.env, TMPDIR: priv, ...(sandbox === 'off' ? { TEJUN_REHEARSAL_SANDBOX: 'off' } : {}) };
  const child = spawn(process.execPath, [CLI, 'rehearse', rb, '--headless', '--out', join(priv, 'out')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!/1\.1 Quick/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));
  const running = () => spawnSync('pgrep', ['-f', `^sleep ${secs}$`]).status === 0;
  expect(running(), `the long command should be running now; output:\n${out}`).toBe(true);
  child.kill(signal);
  const [code, sig] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
  await new Promise((r) => setTimeout(r, 2000));
  const left = readdirSync(priv).filter((f) => f.startsWith('tejun-drill-'));
  const sleeping = running();
  rmSync(priv, { recursive: true, force: true });
  return { left, code, sig, sleeping };
}

describe.skipIf(!existsSync(join(ROOT, 'out/cli/index.mjs')))('interrupting a headless drill', () => {
  it('SIGINT inside the sandbox: the command and every temporary folder are gone', { timeout: 60_000 }, async () => {
    const r = await interrupted('auto', 'SIGINT');
    expect(r.sig ?? r.code).toBe('SIGINT');
    expect(r.left).toEqual([]);
    expect(r.sleeping).toBe(false);
  });

  it('SIGTERM with the shims only: the same', { timeout: 60_000 }, async () => {
    const r = await interrupted('off', 'SIGTERM');
    expect(r.sig ?? r.code).toBe('SIGTERM');
    expect(r.left).toEqual([]);
    expect(r.sleeping).toBe(false);
  });
});
