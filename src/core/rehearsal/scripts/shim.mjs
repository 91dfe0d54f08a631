// tejun rehearsal shim: stands in for a production tool. It reads only files in its own folder,
// writes one log line, prints the runbook's expected output (or says it simulated the call) and
// exits. It never opens a socket and never runs the real tool.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [tool, ...args] = process.argv.slice(2);
const read = (f, fallback) => {
  try {
    return JSON.parse(readFileSync(join(here, f), 'utf8'));
  } catch {
    return fallback;
  }
};
const table = read('responses.json', { entries: [], faults: [] });
const current = read('current.json', null);
const line = args.join(' ');
const log = (result, exit) =>
  appendFileSync(
    join(here, 'shim.log'),
    JSON.stringify({
      time: new Date().toISOString(),
      tool,
      args,
      stepId: current?.stepId ?? null,
      commandId: current?.commandId ?? null,
      result,
      exit,
    }) + '\n',
    { mode: 0o600 },
  );

// sudo, env, timeout…: run what they wrap, which PATH resolves to a shim again.
if (
  tool === 'sudo' ||
  tool === 'timeout' ||
  tool === 'nohup' ||
  tool === 'nice' ||
  tool === 'stdbuf' ||
  tool === 'watch'
) {
  let rest = [...args];
  while (rest.length && (rest[0].startsWith('-') || /^\d+[smhd]?$/.test(rest[0])))
    rest = rest.slice(rest[0] === '-u' || rest[0] === '-n' ? 2 : 1);
  log('wrapper', 0);
  if (!rest.length) process.exit(0);
  const r = spawnSync(rest[0], rest.slice(1), { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

// Programs that wait for a person (editors, pagers, followers, full-screen monitors) are answered
// at once: a rehearsal, and above all an unattended drill, must never sit waiting on one.
const EDITORS = new Set(['vi', 'vim', 'nvim', 'view', 'nano', 'pico', 'emacs', 'mcedit', 'joe']);
const PAGERS = new Set(['less', 'more', 'most', 'pg']);
const SCREENS = new Set([
  'top',
  'htop',
  'btop',
  'atop',
  'iotop',
  'passwd',
  'visudo',
  'crontab',
  'mysql_secure_installation',
]);
const realTool = (name) => {
  for (const d of (process.env.PATH ?? '').split(':')) {
    if (!d || d === here || d === join(here, 'bin')) continue;
    if (existsSync(join(d, name))) return join(d, name);
  }
  return null;
};
if (EDITORS.has(tool) || SCREENS.has(tool) || (tool === 'crontab' && args.includes('-e'))) {
  process.stdout.write(`[rehearsal] ${tool} ${line} — interactive, not opened in a rehearsal; nothing changed\n`);
  log('interactive', 0);
  process.exit(0);
}
if (PAGERS.has(tool) || tool === 'man') {
  // A pager at the end of a pipe passes its input through; on a terminal it is not opened.
  const files = args.filter((a) => !a.startsWith('-') && !a.startsWith('+'));
  const cat = realTool('cat');
  if (tool !== 'man' && cat && (files.length || !process.stdin.isTTY)) {
    const r = spawnSync(cat, files, { stdio: 'inherit' });
    log('interactive', r.status ?? 0);
    process.exit(r.status ?? 0);
  }
  process.stdout.write(`[rehearsal] ${tool} ${line} — pager not opened in a rehearsal\n`);
  log('interactive', 0);
  process.exit(0);
}
if (tool === 'tail') {
  // `tail -f` never ends: the rehearsal shows what is there now, once.
  const follow = (a) => a === '-f' || a === '-F' || a.startsWith('--follow') || /^-[A-Za-z]*[fF][A-Za-z]*$/.test(a);
  const kept = args
    .map((a) => (a === '-f' || a === '-F' || a.startsWith('--follow') ? '' : follow(a) ? a.replace(/[fF]/g, '') : a))
    .filter((a) => a && a !== '-');
  const real = realTool('tail');
  const r = real ? spawnSync(real, kept, { stdio: 'inherit' }) : { status: 0 };
  log(args.some(follow) ? 'interactive' : 'wrapper', r.status ?? 1);
  process.exit(r.status ?? 1);
}

// A target probe core is running now (kubectl config current-context…): answer the runbook's target.
const probe = read('probe.json', null);
if (probe && probe.tool === tool && Date.now() - Date.parse(probe.at) < 60 * 1000) {
  process.stdout.write(`${probe.answer}\n`);
  log('expected', 0);
  process.exit(0);
}

const fresh = current && Date.now() - Date.parse(current.at) < 6 * 3600 * 1000;
const fault = fresh
  ? table.faults.find((f) => f.stepId === current.stepId && (!f.commandId || f.commandId === current.commandId))
  : null;
if (fault) {
  process.stderr.write(fault.symptom.endsWith('\n') ? fault.symptom : fault.symptom + '\n');
  log('fault', fault.exitCode);
  process.exit(fault.exitCode);
}
const mine = table.entries.filter((e) => e.tool === tool);
const sameCommand = fresh ? mine.filter((e) => e.commandId === current.commandId) : [];
const match =
  sameCommand.find((e) => new RegExp(e.pattern, 's').test(line)) ??
  sameCommand[sameCommand.length - 1] ??
  mine.find((e) => new RegExp(e.pattern, 's').test(line));
if (match && match.last && match.output) {
  process.stdout.write(match.output.endsWith('\n') ? match.output : match.output + '\n');
  log('expected', 0);
} else {
  process.stdout.write(`[rehearsal] ${tool} ${line} — simulated, nothing was run\n`);
  log('simulated', 0);
}
process.exit(0);
