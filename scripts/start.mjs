// `npm start`: build, then launch the desktop app — or say plainly why it cannot start here.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const electronDir = fileURLToPath(new URL('../node_modules/electron/', import.meta.url));
const pathFile = `${electronDir}path.txt`;
const binary = existsSync(pathFile) ? `${electronDir}dist/${readFileSync(pathFile, 'utf8').trim()}` : null;

if (!binary || !existsSync(binary)) {
  console.error(
    [
      "tejun: the desktop app cannot start here: Electron's binary is not installed",
      '(node_modules/electron/dist is missing, and it could not be downloaded on this machine).',
      '',
      'Use the browser mode instead — the same app, served on 127.0.0.1:',
      '  npm run web',
      '',
      'Where downloads work, `npx install-electron` fetches the binary; then `npm start` again.',
    ].join('\n'),
  );
  process.exit(1);
}

const run = spawnSync('npx', ['electron-vite', 'preview', '--', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
