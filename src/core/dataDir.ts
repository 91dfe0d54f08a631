// Where tejun keeps sessions and settings: --data-dir, then $TEJUN_DATA_DIR, then the platform's app-data folder.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.TEJUN_DATA_DIR) return resolve(env.TEJUN_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'tejun');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'tejun');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'tejun');
}
