// Shell integration: small startup files that load the operator's own rc files first, then add
// prompt/command marks (OSC 633, with a per-terminal nonce) without replacing their PROMPT_COMMAND,
// precmd/preexec hooks, bash-preexec or starship prompts. bash, zsh and fish; other shells run without.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
// The scripts are kept as files (readable, lintable by shellcheck) and bundled as text.
import bashScript from './scripts/bashrc.bash?raw';
import zshScript from './scripts/zshrc.zsh?raw';
import fishScript from './scripts/tejun.fish?raw';

export type ShellKind = 'bash' | 'zsh' | 'fish' | 'other';

export function shellKind(shell: string): ShellKind {
  const b = basename(shell).replace(/\.exe$/i, '');
  return b === 'bash' ? 'bash' : b === 'zsh' ? 'zsh' : b === 'fish' ? 'fish' : 'other';
}

const BASH = bashScript;

const ZSH_RC = zshScript;

const zshForward = (file: string) =>
  `# tejun: read the operator's own ${file}\n__tejun_z="$ZDOTDIR"; ZDOTDIR="$TEJUN_USER_ZDOTDIR"\n[ -r "$ZDOTDIR/${file}" ] && . "$ZDOTDIR/${file}"\nTEJUN_USER_ZDOTDIR="$ZDOTDIR"; ZDOTDIR="$__tejun_z"\n`;

const fishQuote = (s: string) => `'${s.replace(/[\\']/g, (c) => '\\' + c)}'`;

// Every folder of startup files still in use; whatever a terminal did not remove goes when the process exits.
const live = new Set<string>();
let exitHook = false;

/** Remove a terminal's startup files (it has started, or it is gone). */
export function removeIntegrationDir(dir: string): void {
  live.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** Write a fresh set of startup files in a private folder; the terminal that uses them owns the folder. */
export function integrationDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-shell-'));
  live.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const d of [...live]) removeIntegrationDir(d);
    });
  }
  chmodSync(dir, 0o700);
  writeFileSync(join(dir, 'bashrc'), BASH);
  const z = join(dir, 'zsh');
  mkdirSync(z);
  writeFileSync(join(z, '.zshenv'), zshForward('.zshenv'));
  writeFileSync(join(z, '.zprofile'), zshForward('.zprofile'));
  writeFileSync(join(z, '.zshrc'), ZSH_RC);
  writeFileSync(join(dir, 'tejun.fish'), fishScript);
  writeFileSync(join(z, '.zlogin'), `# tejun\n[ -r "$ZDOTDIR/.zlogin" ] && . "$ZDOTDIR/.zlogin"\n`);
  return dir;
}

/** Folders of startup files not yet removed (for tests: none may outlive its terminal). */
export function liveIntegrationDirs(): string[] {
  return [...live];
}

export interface ShellLaunch {
  args: string[];
  env: Record<string, string>;
  nonce: string;
  integrated: boolean;
  /** The startup files' folder, removed by the terminal when it closes; null for shells without integration. */
  dir: string | null;
}

/** How to start this shell: login-like, with integration where we have it. */
export function shellLaunch(
  shell: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): ShellLaunch {
  const nonce = randomBytes(16).toString('hex');
  const kind = platform === 'win32' ? 'other' : shellKind(shell);
  if (kind === 'other') {
    return { args: platform === 'win32' ? [] : ['-l'], env: {}, nonce, integrated: false, dir: null };
  }
  const dir = integrationDir();
  if (kind === 'bash') {
    const env = { TEJUN_NONCE: nonce, TEJUN_SHELL_LOGIN: '1' };
    return { args: ['--init-file', join(dir, 'bashrc'), '-i'], env, nonce, integrated: true, dir };
  }
  if (kind === 'zsh') {
    const zdotdir = { TEJUN_USER_ZDOTDIR: env.ZDOTDIR || env.HOME || '', ZDOTDIR: join(dir, 'zsh') };
    return { args: ['-l', '-i'], env: { TEJUN_NONCE: nonce, ...zdotdir }, nonce, integrated: true, dir };
  }
  const init = `source ${fishQuote(join(dir, 'tejun.fish'))}`;
  return { args: ['-l', '-i', '--init-command', init], env: { TEJUN_NONCE: nonce }, nonce, integrated: true, dir };
}
