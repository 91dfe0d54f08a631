// tejun rehearsal shim: stands in for a production tool. It reads only files in its own folder,
// writes one log line, prints the runbook's expected output (or says it simulated the call) and
// exits. It never opens a socket and never runs the real tool.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
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
      // A program not on this machine is named by the path it was called by.
      tool: absent && absent.endsWith(`/${tool}`) ? absent : tool,
      args,
      stepId: current?.stepId ?? null,
      commandId: current?.commandId ?? null,
      result: absent && result !== 'wrapper' && result !== 'fault' ? 'absent' : result,
      exit,
      ...(absent ? { absent } : {}),
    }) + '\n',
    { mode: 0o600 },
  );

// A program, path or file that is not on this machine (a production-only binary such as
// /opt/chat/bin/chat, a log under /var/log): answered like any shim call, but logged "absent" so the
// report says it was simulated here, never that it passed a check.
let absent = process.env.TEJUN_SHIM_ABSENT || null;
delete process.env.TEJUN_SHIM_ABSENT;
const shimSelf = (name, rest, missing) =>
  spawnSync(process.execPath, [fileURLToPath(import.meta.url), name, ...rest], {
    stdio: 'inherit',
    env: { ...process.env, TEJUN_SHIM_ABSENT: missing },
  });
/** Run what a wrapper wraps (PATH resolves it to a shim again); what is not here is answered as absent. */
const runWrapped = (rest, env = {}) => {
  if (!rest.length) return 0;
  const r = spawnSync(rest[0], rest.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error && ['ENOENT', 'EACCES', 'ENOTDIR'].includes(r.error.code))
    return shimSelf(rest[0].split('/').pop(), rest.slice(1), rest[0]).status ?? 1;
  return r.status ?? 1;
};
/** The command line after a wrapper's own options: `sudo -u chat -E RAILS_ENV=production /opt/x y`. */
const afterOptions = (list, withValue) => {
  let rest = [...list];
  const env = {};
  while (rest.length && rest[0].startsWith('-') && rest[0] !== '--')
    rest = rest.slice(withValue.test(rest[0]) && rest[0].length === 2 ? 2 : 1);
  if (rest[0] === '--') rest = rest.slice(1);
  while (rest.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0])) {
    const i = rest[0].indexOf('=');
    env[rest[0].slice(0, i)] = rest[0].slice(i + 1);
    rest = rest.slice(1);
  }
  return { rest, env };
};
/** A shell the runbook opens (`sudo su - app`, `sudo -i`) is not opened: its `exit` is answered by env.sh. */
const unopenedShell = () => {
  const f = join(here, 'unopened-shells');
  const n = Number(existsSync(f) ? readFileSync(f, 'utf8').trim() : 0) || 0;
  writeFileSync(f, `${n + 1}\n`, { mode: 0o600 });
};
const SHELL_FLAGS = (a) => a === '-i' || a === '-s' || a === '--login' || a === '--shell';

if (!absent && (tool === 'sudo' || tool === 'doas')) {
  // Another user's rights are not needed to rehearse: the rest runs as the operator, through the shims.
  const { rest, env } = afterOptions(args, tool === 'sudo' ? /^-[ugCDhprtUTc]$/ : /^-[uC]$/);
  log('wrapper', 0);
  if (!rest.length && args.some(SHELL_FLAGS)) {
    unopenedShell();
    process.stdout.write(`[rehearsal] ${tool} ${line} — a root shell is not opened in a rehearsal\n`);
    process.exit(0);
  }
  // `sudo -i CMD` / `sudo -s CMD`: the command goes through a shell, as sudo would.
  const viaShell = args.slice(0, args.length - rest.length).some(SHELL_FLAGS);
  process.exit(runWrapped(viaShell ? ['bash', '-c', rest.join(' ')] : rest, env));
}
if (!absent && tool === 'su') {
  // `su - USER -c "CMD"`: CMD runs as the operator; a login shell for a user is not opened.
  const at = args.findIndex((a) => a === '-c' || a === '--command');
  const cmd = at >= 0 ? args[at + 1] : null;
  if (cmd === null || cmd === undefined) {
    log('interactive', 0);
    unopenedShell();
    process.stdout.write(`[rehearsal] su ${line} — a login shell is not opened in a rehearsal\n`);
    process.exit(0);
  }
  const user = args.filter((a, i) => !a.startsWith('-') && i !== at + 1)[0] ?? 'root';
  if (user !== 'root' && spawnSync('id', ['-u', user], { stdio: 'ignore' }).status !== 0) {
    // The user (and its home, where CMD would start) is not on this machine: simulated as a whole.
    process.exit(shimSelf('su', args, `user ${user}`).status ?? 1);
  }
  log('wrapper', 0);
  process.exit(runWrapped(['bash', '-c', cmd]));
}
// env, timeout…: run what they wrap, which PATH resolves to a shim again.
if (!absent && ['timeout', 'nohup', 'nice', 'stdbuf', 'watch'].includes(tool)) {
  let rest = [...args];
  while (rest.length && (rest[0].startsWith('-') || /^\d+[smhd]?$/.test(rest[0])))
    rest = rest.slice(rest[0] === '-n' ? 2 : 1);
  log('wrapper', 0);
  process.exit(runWrapped(rest));
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
  absent = tool === 'man' ? null : (files.find((f) => !existsSync(f)) ?? null);
  if (absent) {
    // A production log or file that is not here: answered below, as simulated.
  } else if (tool !== 'man' && cat && (files.length || !process.stdin.isTTY)) {
    const r = spawnSync(cat, files, { stdio: 'inherit' });
    log('interactive', r.status ?? 0);
    process.exit(r.status ?? 0);
  }
  if (!absent) {
    process.stdout.write(`[rehearsal] ${tool} ${line} — pager not opened in a rehearsal\n`);
    log('interactive', 0);
    process.exit(0);
  }
}
// `tail -f` never ends: the rehearsal shows what is there now, once (a file not on this machine: simulated).
const follow = (a) => a === '-f' || a === '-F' || a.startsWith('--follow') || /^-[A-Za-z]*[fF][A-Za-z]*$/.test(a);
const tailArgs = args
  .map((a) => (a === '-f' || a === '-F' || a.startsWith('--follow') ? '' : follow(a) ? a.replace(/[fF]/g, '') : a))
  .filter((a) => a && a !== '-');
if (tool === 'tail' && !absent)
  absent =
    tailArgs.find((a, i) => !a.startsWith('-') && !/^-[nc]$/.test(tailArgs[i - 1] ?? '') && !existsSync(a)) ?? null;
if (tool === 'tail' && !absent) {
  const real = realTool('tail');
  const r = real ? spawnSync(real, tailArgs, { stdio: 'inherit' }) : { status: 0 };
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
} else if (absent) {
  process.stdout.write(`[rehearsal] ${tool} ${line} — ${absent} is not on this machine; simulated, nothing was run\n`);
  log('absent', 0);
} else {
  process.stdout.write(`[rehearsal] ${tool} ${line} — simulated, nothing was run\n`);
  log('simulated', 0);
}
process.exit(0);
