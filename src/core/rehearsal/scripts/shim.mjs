// tejun rehearsal shim: stands in for a production tool. It reads only files in its own folder,
// writes one log line, prints the runbook's expected output (or says it simulated the call) and
// exits. It never opens a socket and never runs the real tool.
import { appendFileSync, readFileSync } from 'node:fs';
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
  appendFileSync(join(here, 'shim.log'), JSON.stringify({ time: new Date().toISOString(), tool, args, stepId: current?.stepId ?? null, commandId: current?.commandId ?? null, result, exit }) + '\n', { mode: 0o600 });

// sudo, env, timeout…: run what they wrap, which PATH resolves to a shim again.
if (tool === 'sudo' || tool === 'timeout' || tool === 'nohup' || tool === 'nice' || tool === 'stdbuf' || tool === 'watch') {
  let rest = [...args];
  while (rest.length && (rest[0].startsWith('-') || /^\d+[smhd]?$/.test(rest[0]))) rest = rest.slice(rest[0] === '-u' || rest[0] === '-n' ? 2 : 1);
  log('wrapper', 0);
  if (!rest.length) process.exit(0);
  const r = spawnSync(rest[0], rest.slice(1), { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const fresh = current && Date.now() - Date.parse(current.at) < 6 * 3600 * 1000;
const fault = fresh ? table.faults.find((f) => f.stepId === current.stepId && (!f.commandId || f.commandId === current.commandId)) : null;
if (fault) {
  process.stderr.write(fault.symptom.endsWith('\n') ? fault.symptom : fault.symptom + '\n');
  log('fault', fault.exitCode);
  process.exit(fault.exitCode);
}
const mine = table.entries.filter((e) => e.tool === tool);
const sameCommand = fresh ? mine.filter((e) => e.commandId === current.commandId) : [];
const match = sameCommand.find((e) => new RegExp(e.pattern, 's').test(line)) ?? sameCommand[sameCommand.length - 1] ?? mine.find((e) => new RegExp(e.pattern, 's').test(line));
if (match && match.last && match.output) {
  process.stdout.write(match.output.endsWith('\n') ? match.output : match.output + '\n');
  log('expected', 0);
} else {
  process.stdout.write(`[rehearsal] ${tool} ${line} — simulated, nothing was run\n`);
  log('simulated', 0);
}
process.exit(0);
