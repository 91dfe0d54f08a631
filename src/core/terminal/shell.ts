// Which shell to start: the operator's own, so PATH and rc files are theirs.
import { accessSync, constants } from 'node:fs';

function executable(path: string | undefined): path is string {
  if (!path || !path.startsWith('/')) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function pickShell(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.COMSPEC || 'powershell.exe';
  for (const candidate of [env.SHELL, '/bin/bash', '/bin/sh']) if (executable(candidate)) return candidate;
  return '/bin/sh';
}
