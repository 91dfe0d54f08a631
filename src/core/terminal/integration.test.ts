// Shell integration with real shells: marks, exit codes, output, and the operator's own prompt hooks kept.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disposePtys, ownedPtyHost, until } from './ptyTestKit';
import type { FinishedCommand } from './commandTracker';
import { chunkInput, type IntegrationState } from './ptyHost';

function home(files: Record<string, string> = {}): string {
  const h = mkdtempSync(join(tmpdir(), 'tejun-si-home-'));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(h, f), text);
  return h;
}

function start(shell: string, h: string) {
  const host = ownedPtyHost({ env: { PATH: process.env.PATH, HOME: h, SHELL: shell, LANG: 'C.UTF-8' } });
  let out = '';
  const commands: FinishedCommand[] = [];
  const states: IntegrationState[] = [];
  const t = host.create('c', 100, 30, {
    data: (_id, d) => (out += Buffer.from(d).toString()),
    exit: () => {},
    command: (_id, c) => commands.push(c),
    status: (_id, s) => states.push(s),
  });
  return { host, t, out: () => out, commands, states };
}

afterEach(disposePtys);

// fish is optional on a workstation; CI installs it so all three are exercised there.
const shells = ['/bin/bash', '/usr/bin/zsh', '/usr/bin/fish'].filter((s) => existsSync(s));

describe.each(shells)('%s integration', (shell) => {
  it('reports each command line, its output and exit code', async () => {
    const s = start(shell, home());
    await until(() => s.states.includes('active'));
    // Syntax all three shells share (fish has no $((…)) or subshells).
    s.host.write('c', s.t.id, "echo tejun-42; sh -c 'exit 3'\r");
    await until(() => s.commands.length >= 1);
    expect(s.commands[0]).toMatchObject({
      commandLine: "echo tejun-42; sh -c 'exit 3'",
      exitCode: 3,
      output: 'tejun-42',
    });
    s.host.write('c', s.t.id, 'true\r');
    await until(() => s.commands.length >= 2);
    expect(s.commands[1]).toMatchObject({ commandLine: 'true', exitCode: 0, output: '' });
    s.host.dispose();
  });

  it.skipIf(shell.endsWith('fish'))(
    'reports a line that is only a subshell, and an empty Enter as nothing',
    async () => {
      const s = start(shell, home());
      await until(() => s.states.includes('active'));
      s.host.write('c', s.t.id, '\r');
      s.host.write('c', s.t.id, '(cd / && echo sub-ok; exit 4)\r');
      await until(() => s.commands.length >= 1);
      expect(s.commands[0]).toMatchObject({
        commandLine: '(cd / && echo sub-ok; exit 4)',
        exitCode: 4,
        output: 'sub-ok',
      });
      s.host.write('c', s.t.id, '\r');
      s.host.write('c', s.t.id, 'true\r');
      await until(() => s.commands.length >= 2);
      expect(s.commands).toHaveLength(2);
      expect(s.commands[1]).toMatchObject({ commandLine: 'true', exitCode: 0 });
      s.host.dispose();
    },
  );

  it('ignores a program that prints marks without the nonce', async () => {
    const s = start(shell, home());
    await until(() => s.states.includes('active'));
    s.host.write(
      'c',
      s.t.id,
      "printf '\\033]633;D;0\\007\\033]633;E;rm -rf /\\007spoof\\n'; sleep 0.2; sh -c 'exit 5'\r",
    );
    await until(() => s.commands.length >= 1);
    expect(s.commands).toHaveLength(1);
    expect(s.commands[0]!.exitCode).toBe(5);
    expect(s.commands[0]!.commandLine).toContain('printf');
    s.host.dispose();
  });
});

describe('bash integration and the operator’s own setup', () => {
  it('keeps their PROMPT_COMMAND and PS1, and still marks commands', async () => {
    const s = start(
      '/bin/bash',
      home({ '.profile': '. "$HOME/.bashrc"\n', '.bashrc': "PROMPT_COMMAND='echo -n [userpc]'\nPS1='my-prompt> '\n" }),
    );
    await until(() => s.out().includes('my-prompt> ') && s.out().includes('[userpc]'));
    s.host.write('c', s.t.id, 'echo one\r');
    await until(() => s.commands.length >= 1);
    expect(s.commands[0]).toMatchObject({ commandLine: 'echo one', exitCode: 0, output: 'one' });
    expect(s.states).toContain('active');
    s.host.dispose();
  });

  it('says when a command leaves for another host (ssh), where marks cannot follow', async () => {
    const s = start('/bin/bash', home());
    await until(() => s.states.includes('active'));
    s.host.write('c', s.t.id, 'ssh -V 2>/dev/null; true\r');
    await until(() => s.states.includes('nested'));
    s.host.dispose();
  });
});

// Whatever the operator's rc leaves in PROMPT_COMMAND, the prompt must come up clean and their hook still run
// (seeing the last command's status). pyenv's hook ends in ';', which once made bash complain at every prompt.
const HOOK = '_userhook() { printf "[hook%s]" "$?"; }\n';
const promptCommands: [string, string][] = [
  ['ending in ";" (pyenv)', "PROMPT_COMMAND='_userhook;'"],
  ['ending in a newline and blanks', "PROMPT_COMMAND=$'_userhook \\n  \\n'"],
  ['ending in a comment', "PROMPT_COMMAND='_userhook # keep the title'"],
  ['as an array (bash 5.1+)', "PROMPT_COMMAND=(_userhook 'true;')"],
  ['empty', "PROMPT_COMMAND=''"],
];

describe.each(promptCommands)('bash with a PROMPT_COMMAND %s', (_what, line) => {
  it('shows no syntax error, runs their hook with the right status, and marks commands', async () => {
    const s = start('/bin/bash', home({ '.profile': '. "$HOME/.bashrc"\n', '.bashrc': `${HOOK}${line}\n` }));
    await until(() => s.states.includes('active'));
    s.host.write('c', s.t.id, "sh -c 'exit 4'\r");
    await until(() => s.commands.length >= 1);
    s.host.write('c', s.t.id, 'echo after\r');
    await until(() => s.commands.length >= 2);
    const hooked = !line.endsWith("''");
    // The prompt after the last command has been drawn (with their hook's mark, where there is one).
    if (hooked) await until(() => /after[\s\S]*\[hook0\]/.test(s.out()));
    expect(s.out()).not.toMatch(/syntax error|unexpected token|command not found/);
    expect(s.commands[0]).toMatchObject({ commandLine: "sh -c 'exit 4'", exitCode: 4 });
    expect(s.commands[1]).toMatchObject({ commandLine: 'echo after', exitCode: 0, output: 'after' });
    if (hooked) expect(s.out()).toContain('[hook4]');
    s.host.dispose();
  });
});

describe('without integration (sh)', () => {
  it('captures a command run with tejun’s own markers', async () => {
    const s = start('/bin/sh', home());
    expect(s.t.integration).toBe('unavailable');
    await new Promise((r) => setTimeout(r, 300));
    s.host.runMarked('c', s.t.id, 'r1', 'echo marked-$((2+3)); false');
    await until(() => s.commands.length >= 1);
    expect(s.commands[0]).toMatchObject({ runId: 'r1', exitCode: 1, output: 'marked-5' });
    s.host.dispose();
  });
});

describe('flow control', () => {
  it('pauses the pty when the renderer falls behind, and resumes when it acknowledges', async () => {
    const s = start('/bin/bash', home());
    await until(() => s.states.includes('active'));
    s.host.write('c', s.t.id, 'yes tejun-flood | head -c 3000000\r');
    await until(() => s.host.unackedOf('c', s.t.id).paused);
    const before = s.out().length;
    const { window } = s.host.unackedOf('c', s.t.id);
    await new Promise((r) => setTimeout(r, 300));
    // Paused: little more arrives while nothing is acknowledged.
    expect(s.out().length - before).toBeLessThan(window);
    s.host.ack('c', s.t.id, s.out().length);
    expect(s.host.unackedOf('c', s.t.id).paused).toBe(false);
    const ackLoop = setInterval(() => s.host.ack('c', s.t.id, 1e9), 20);
    await until(() => s.commands.length >= 1, 20_000);
    clearInterval(ackLoop);
    expect(s.commands[0]!.outputChars).toBeGreaterThan(3_000_000);
    expect(s.commands[0]!.truncated).toBe(true);
    s.host.dispose();
  });
});

describe('chunkInput', () => {
  it('never splits an escape sequence or a surrogate pair', () => {
    const paste = `\x1b[200~${'a'.repeat(509)}\x1b[201~\r`;
    const chunks = chunkInput(paste, 512);
    expect(chunks.join('')).toBe(paste);
    for (const c of chunks) expect(c.endsWith('\x1b') || /\x1b\[2?0?$/.test(c)).toBe(false);
    const emoji = 'x'.repeat(511) + '😀' + 'y';
    expect(chunkInput(emoji, 512).every((c) => !/[\uD800-\uDBFF]$/.test(c))).toBe(true);
  });
});

describe.skipIf(!existsSync('/usr/bin/fish'))('fish integration and the operator’s own prompt', () => {
  it('keeps their fish_prompt from config.fish and still marks commands', async () => {
    const h = home();
    mkdirSync(join(h, '.config', 'fish'), { recursive: true });
    writeFileSync(join(h, '.config', 'fish', 'config.fish'), "function fish_prompt\n  printf 'fishy> '\nend\n");
    const s = start('/usr/bin/fish', h);
    await until(() => s.out().includes('fishy> ') && s.states.includes('active'));
    s.host.write('c', s.t.id, 'echo one; and echo "two;three"\r');
    await until(() => s.commands.length >= 1);
    expect(s.commands[0]).toMatchObject({
      commandLine: 'echo one; and echo "two;three"',
      exitCode: 0,
      output: 'one\ntwo;three',
    });
    s.host.dispose();
  });
});
