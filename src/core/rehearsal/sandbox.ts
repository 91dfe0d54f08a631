// The rehearsal sandbox of one session: a bin folder put first on PATH with a shim for every tool
// the runbook's commands call (and the usual production tools), the shims' answer table (the
// runbook's own expected output per command, the plan's faults), and an environment in which
// everything that points at production is replaced by inert values.
import {
  appendFileSync,
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { allSteps, type Runbook, type Step } from '../../shared/model';
import shimScript from './scripts/shim.mjs?raw';
import type { RehearsalPlan } from './plan';
import { commandTools, HARMLESS, type Bypass } from './tools';
import { readBlocked } from './blocked';
import { stripPrompts } from '../runbook/prompts';
import { PROBES } from '../terminal/targetProbe';
import { detectIsolation, keepPaths, wrapShell, type Isolation } from './isolation';

/** Shimmed in every rehearsal, whether the runbook names them or not: an operator may type them. */
const ALWAYS = [
  'ls',
  'df',
  'du',
  'stat',
  'find',
  'mkdir',
  'rm',
  'cp',
  'mv',
  'tar',
  'gzip',
  'gunzip',
  'chmod',
  'chown',
  'systemctl',
  'service',
  'kubectl',
  'helm',
  'aws',
  'gcloud',
  'az',
  'terraform',
  'psql',
  'pg_dump',
  'pg_restore',
  'mysql',
  'mysqldump',
  'redis-cli',
  'mongo',
  'mongosh',
  'docker',
  'podman',
  'curl',
  'wget',
  'git',
  'bundle',
  'rails',
  'rake',
  'ssh',
  'scp',
  'sftp',
  'nc',
  'ncat',
  'telnet',
  'socat',
  'rsync',
  'sudo',
];

/** Programs that wait for a person: always shimmed (even the harmless ones), so nothing sits waiting. */
export const INTERACTIVE = [
  'vi',
  'vim',
  'nvim',
  'view',
  'nano',
  'pico',
  'emacs',
  'less',
  'more',
  'most',
  'man',
  'top',
  'htop',
  'btop',
  'atop',
  'tail',
  'passwd',
  'journalctl',
  'watch',
  'crontab',
  'visudo',
];

/** Names whose values point at production (or unlock it): replaced with inert values in rehearsal shells. */
export const PRODUCTION_ENV =
  /^(DATABASE_URL|[A-Z0-9_]*_DATABASE_URL|PG(HOST|HOSTADDR|PORT|USER|PASSWORD|DATABASE|SERVICE|PASSFILE)|MYSQL_[A-Z_]+|REDIS_URL|MONGO(DB)?_UR[IL]|AWS_[A-Z_]+|KUBECONFIG|KUBE_[A-Z_]+|GOOGLE_APPLICATION_CREDENTIALS|CLOUDSDK_[A-Z_]+|AZURE_[A-Z_]+|ARM_[A-Z_]+|DOCKER_HOST|DOCKER_CONFIG|VAULT_ADDR|VAULT_TOKEN|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|SSH_AUTH_SOCK|[A-Z0-9_]*_(TOKEN|SECRET|PASSWORD|API_KEY|ACCESS_KEY))$/;
export const INERT = 'rehearsal-inert';
const NOWHERE = 'http://127.0.0.1:9';

export interface Sandbox {
  dir: string;
  /** How far shim.log has been read into the journal. */
  logOffset: number;
  /** Where redirections to absolute paths land in a rehearsal (`> /backup/x` → `<root>/backup/x`). */
  root: string;
  binDir: string;
  /** The environment of a rehearsal shell (merged over the operator's own). */
  env: Record<string, string>;
  /** Per command id: what would slip past the shims. */
  flags: Record<string, Bypass[]>;
  tools: string[];
  /** What isolates this rehearsal's shells beyond the shims. */
  isolation: Isolation;
  /** The scratch home of a sandboxed shell. */
  home: string;
  /** strace's log of refused attempts, and how far it has been read. */
  traceLog: string;
  traceOffset: number;
}

/** What the shim prints for a command: its expected output block, else the step's expected value. */
export function expectedText(step: Step, expectedOutput: string | null): string | null {
  if (expectedOutput) return expectedOutput;
  const e = step.expected.find((x) => !x.block);
  if (!e) return null;
  const raw = e.raw ?? e.text;
  if (/^\/.+\/[imsu]*$/.test(raw.replace(/`/g, '').trim())) return null;
  const parts = [...raw.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim()).filter(Boolean);
  if (parts.length) return /または|もしくは|\bor\b/i.test(raw.replace(/`[^`]*`/g, '')) ? parts[0]! : parts.join('\n');
  return e.text;
}

/**
 * The expected output as it must leave the shim to survive the command's own filter: when the call
 * is piped into `grep PATTERN` (a literal), each line carries the pattern, as the real tool's would.
 */
export function throughGrep(text: string, tool: string, output: string): string {
  const line = text
    .split('\n')
    .reverse()
    .find((l) => new RegExp(`(^|[\\s|;&(])${escapeRe(tool)}\\s`).test(l) && /\|\s*grep\b/.test(l));
  const m = line ? /\|\s*grep\s+(?:-[A-Za-z]+(?:\s+\d+)?\s+)*(?:"([^"]+)"|'([^']+)'|([^\s|;&]+))/.exec(line) : null;
  const pattern = m ? (m[1] ?? m[2] ?? m[3])! : null;
  if (!pattern || /[\\^$.*[\]()+?{}|]/.test(pattern.replace(/:$/, ''))) return output;
  return output
    .split('\n')
    .map((l) => (l.includes(pattern) ? l : `${pattern} ${l}`))
    .join('\n');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A loose pattern for a call as written: its first two words (placeholders as wildcards), then anything. */
function callPattern(args: string[]): string {
  const head = args.slice(0, 2).map((w) => (/[<$]|X\.X|YYYY|HH:MM/.test(w) ? '\\S*' : escapeRe(w)));
  return `^${head.join(' ')}`;
}

function troubleSymptom(model: Runbook, name: string): string | null {
  const t = model.troubleshooting.find((x) => x.title.includes(name) || name.includes(x.title));
  return t ? t.symptom || t.title : null;
}

export function findStep(model: Runbook, ref: string): Step | undefined {
  const steps = allSteps(model);
  return (
    steps.find((s) => s.id === ref) ??
    steps.find((s) => s.title.includes(ref)) ??
    model.phases.find((p) => p.name.includes(ref) || p.title.includes(ref))?.steps.find((s) => s.commands.length > 0)
  );
}

export function rehearsalEnv(base: NodeJS.ProcessEnv, dir: string, binDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of Object.keys(base)) if (PRODUCTION_ENV.test(k)) env[k] = k === 'SSH_AUTH_SOCK' ? '' : INERT;
  Object.assign(env, {
    DATABASE_URL: 'postgresql://rehearsal.invalid/inert',
    KUBECONFIG: join(dir, 'inert-kubeconfig'),
    AWS_CONFIG_FILE: join(dir, 'inert-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'inert-aws-credentials'),
    http_proxy: NOWHERE,
    https_proxy: NOWHERE,
    HTTP_PROXY: NOWHERE,
    HTTPS_PROXY: NOWHERE,
    ALL_PROXY: NOWHERE,
    no_proxy: '',
    NO_PROXY: '',
    // Pagers and editors a command may start on its own are the shims' (which never wait).
    PAGER: 'cat',
    GIT_PAGER: 'cat',
    MANPAGER: 'cat',
    SYSTEMD_PAGER: '',
    EDITOR: 'vi',
    VISUAL: 'vi',
    TEJUN_REHEARSAL: '1',
    TEJUN_REHEARSAL_PATH: binDir,
    TEJUN_REHEARSAL_ENV: join(dir, 'env.sh'),
    TEJUN_REHEARSAL_ENV_FISH: join(dir, 'env.fish'),
    PATH: `${binDir}:${base.PATH ?? '/usr/bin:/bin'}`,
  });
  return env;
}

/**
 * What each shim answers (the runbook's expected outputs, call by call), commands that slip past the shims, and
 * the tools to shim.
 */
function shimResponses(model: Runbook) {
  const entries: {
    stepId: string;
    commandId: string;
    tool: string;
    pattern: string;
    last: boolean;
    output: string | null;
  }[] = [];
  const flags: Record<string, Bypass[]> = {};
  const tools = new Set([...ALWAYS, ...INTERACTIVE]);
  // The probes of the targets the runbook names answer through shims too (hostname included).
  const probeTools = new Set(allSteps(model).flatMap((s) => s.targets.map((t) => PROBES[t.kind].tool)));
  probeTools.forEach((t) => tools.add(t));
  for (const step of allSteps(model)) {
    for (const c of step.commands) {
      const t = commandTools(stripPrompts(c.text));
      if (t.bypass.length) flags[c.id] = t.bypass;
      t.tools.forEach((x) => tools.add(x));
      const output = expectedText(step, c.expectedOutput);
      t.calls.forEach((call, i) => {
        const last = i === t.calls.length - 1;
        entries.push({
          stepId: step.id,
          commandId: c.id,
          tool: call.tool,
          pattern: callPattern(call.args),
          last,
          output: last && output ? throughGrep(c.text, call.tool, output) : output,
        });
      });
    }
  }
  return { entries, flags, tools, probeTools };
}

/** The plan's faults, each on a step of this runbook. */
function planFaults(model: Runbook, plan: RehearsalPlan) {
  return plan.faults.flatMap((f) => {
    const step = findStep(model, f.step);
    if (!step)
      throw new Error(
        `The plan's fault names step "${f.step}", which this runbook does not have. Use a step id or part of a step title.`,
      );
    const symptom =
      f.symptom ??
      (f.troubleshooting ? troubleSymptom(model, f.troubleshooting) : null) ??
      `rehearsal fault: ${step.title} failed`;
    const commandId = f.command ? (step.commands[f.command - 1]?.id ?? null) : null;
    return [{ stepId: step.id, commandId, symptom, exitCode: f.exitCode }];
  });
}

function writeShims(dir: string, binDir: string, tools: Set<string>, probeTools: Set<string>): void {
  // Electron's binary runs the shim as plain Node.
  const node = process.execPath;
  const asNode = process.versions.electron ? 'ELECTRON_RUN_AS_NODE=1 ' : '';
  for (const tool of tools) {
    if (
      (HARMLESS.has(tool) && !INTERACTIVE.includes(tool) && !probeTools.has(tool)) ||
      !/^[A-Za-z0-9_.+-]+$/.test(tool)
    )
      continue;
    const f = join(binDir, tool);
    writeFileSync(
      f,
      `#!/bin/sh\n# tejun rehearsal shim for ${tool}: nothing reaches production.\n${asNode}exec '${node.replace(/'/g, "'\\''")}' '${join(dir, 'shim.mjs').replace(/'/g, "'\\''")}' '${tool}' "$@"\n`,
      { mode: 0o600 },
    );
    chmodSync(f, 0o700);
  }
}

/** Files a command writes with a redirection go under the rehearsal's own root, never the real path. */
function redirectionRoot(dir: string, model: Runbook): string {
  const root = join(dir, 'root');
  for (const step of allSteps(model))
    for (const c of step.commands)
      for (const m of c.text.matchAll(REDIRECT)) {
        const target = m[2]!;
        const folder = target.slice(0, target.lastIndexOf('/'));
        if (folder && !/[$`*?]/.test(folder)) mkdirSync(join(root, folder), { recursive: true, mode: 0o700 });
      }
  mkdirSync(root, { recursive: true, mode: 0o700 });
  return root;
}

/** The environment the shells source after the operator's rc files (sh family and fish). */
function writeEnvFiles(dir: string, binDir: string, env: Record<string, string>): void {
  const sh = Object.entries(env)
    .filter(([k]) => k !== 'PATH' && !k.startsWith('TEJUN_REHEARSAL_ENV'))
    .map(([k, v]) => `export ${k}='${v.replace(/'/g, "'\\''")}'`);
  writeFileSync(
    join(dir, 'env.sh'),
    `# tejun rehearsal: sourced after the operator's rc files.\n${sh.join('\n')}\nunset SSH_AUTH_SOCK\nexport PATH='${binDir}':"$PATH"\nhash -r 2>/dev/null || true\n${GUARD}`,
    { mode: 0o600 },
  );
  const fish = Object.entries(env)
    .filter(([k]) => k !== 'PATH' && !k.startsWith('TEJUN_REHEARSAL_ENV'))
    .map(([k, v]) => `set -gx ${k} '${v.replace(/'/g, "\\'")}'`);
  writeFileSync(
    join(dir, 'env.fish'),
    `# tejun rehearsal\n${fish.join('\n')}\nset -e SSH_AUTH_SOCK\nset -gx PATH '${binDir}' $PATH\n`,
    { mode: 0o600 },
  );
}

export function prepareSandbox(
  sessionDir: string,
  model: Runbook,
  plan: RehearsalPlan,
  base: NodeJS.ProcessEnv = process.env,
): Sandbox {
  const dir = join(sessionDir, 'rehearsal');
  const binDir = join(dir, 'bin');
  mkdirSync(binDir, { recursive: true, mode: 0o700 });
  const { entries, flags, tools, probeTools } = shimResponses(model);
  const faults = planFaults(model, plan);
  writeFileSync(join(dir, 'shim.mjs'), shimScript, { mode: 0o600 });
  writeFileSync(join(dir, 'responses.json'), JSON.stringify({ entries, faults }, null, 1), { mode: 0o600 });
  writeShims(dir, binDir, tools, probeTools);
  const root = redirectionRoot(dir, model);
  const isolation = detectIsolation(base);
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const env = rehearsalEnv(base, dir, binDir);
  // Inside a sandbox the real home is read-only: the shell gets a scratch one (history, caches, `~`).
  if (isolation.kind !== 'shims-only') env.HOME = home;
  writeEnvFiles(dir, binDir, env);
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan, null, 1), { mode: 0o600 });
  const traceLog = join(dir, 'blocked.strace');
  const sizeOf = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return {
    dir,
    root,
    binDir,
    env,
    flags,
    tools: [...tools].sort(),
    logOffset: sizeOf(join(dir, 'shim.log')),
    isolation,
    home,
    traceLog,
    traceOffset: sizeOf(traceLog),
  };
}

/** How a rehearsal shell is started: inside the sandbox, with what it needs from a hidden /tmp or /run. */
type ShellWrap = (shell: string, args: string[], own: string[]) => { file: string; args: string[] };

/** The sandbox keeps what the shell needs from a private /tmp: its terminal's startup files and node (for shims). */
export function shellWrap(sb: Sandbox): ShellWrap | undefined {
  if (sb.isolation.kind === 'shims-only') return undefined;
  return (shell, args, own) => {
    const keep = keepPaths([...own, process.execPath]);
    return wrapShell(sb.isolation, shell, args, { dir: sb.dir, keep, traceLog: sb.traceLog });
  };
}

/**
 * Before every prompt: forget hashed paths (`command -p curl` leaves the real curl hashed for the next
 * `curl`) and put the shims first on PATH again (after `export PATH=/usr/bin:$PATH`).
 */
// It keeps $? as it found it: it runs before the integration's precmd, which reports that status.
const GUARD = `__tejun_rehearsal_guard() { local ec=$?; hash -r 2>/dev/null; case ":$PATH" in ":$TEJUN_REHEARSAL_PATH:"*) ;; *) PATH="$TEJUN_REHEARSAL_PATH:$PATH" ;; esac; return $ec; }
if [ -n "$BASH_VERSION" ]; then PROMPT_COMMAND="__tejun_rehearsal_guard\${PROMPT_COMMAND:+; $PROMPT_COMMAND}"; fi
if [ -n "$ZSH_VERSION" ]; then precmd_functions+=(__tejun_rehearsal_guard); fi
`;

/** `> /abs/path`, `>> /abs/path`, `2> /abs/path`, `< /abs/path` (not /dev/…). */
const REDIRECT = /(\d?>>?|<)\s*(\/(?!dev\/)[^\s;|&)'"]+)/g;

/** The command as a rehearsal shell runs it: redirections to absolute paths moved under the root. */
export function rehearsalCommand(text: string, sandbox: Pick<Sandbox, 'root'>): string {
  return text.replace(
    REDIRECT,
    (_m, op: string, target: string) => `${op} '${sandbox.root.replace(/'/g, "'\\''")}'${target}`,
  );
}

/**
 * A target probe is about to run: its tool's shim answers with the runbook's declared target, so a rehearsal
 * passes the check (what is rehearsed is the procedure, not the operator's real kube context).
 */
export function answerProbe(sandbox: Pick<Sandbox, 'dir'>, tool: string, answer: string): void {
  writeFileSync(join(sandbox.dir, 'probe.json'), JSON.stringify({ tool, answer, at: new Date().toISOString() }));
}

export function clearProbe(sandbox: Pick<Sandbox, 'dir'>): void {
  rmSync(join(sandbox.dir, 'probe.json'), { force: true });
}

/** Tell the shims which step command is running now (they answer and fail for that one). */
export function markCurrent(sandbox: Pick<Sandbox, 'dir'>, stepId: string, commandId: string): void {
  writeFileSync(
    join(sandbox.dir, 'current.json'),
    JSON.stringify({ stepId, commandId, at: new Date().toISOString() }),
    { mode: 0o600 },
  );
}

export interface InjectedFault {
  stepId: string;
  commandId: string | null;
  symptom: string;
  exitCode: number;
}

const responsesFile = (sb: Pick<Sandbox, 'dir'>) => join(sb.dir, 'responses.json');

export function readFaults(sb: Pick<Sandbox, 'dir'>): InjectedFault[] {
  try {
    return (JSON.parse(readFileSync(responsesFile(sb), 'utf8')) as { faults: InjectedFault[] }).faults;
  } catch {
    return [];
  }
}

/** A trainer prepares (or takes back) a fault during the rehearsal; the shims read it on their next call. */
export function setFault(sb: Pick<Sandbox, 'dir'>, fault: InjectedFault, remove = false): void {
  const table = JSON.parse(readFileSync(responsesFile(sb), 'utf8')) as { entries: unknown[]; faults: InjectedFault[] };
  table.faults = table.faults.filter((f) => !(f.stepId === fault.stepId && f.commandId === fault.commandId));
  if (!remove) table.faults.push(fault);
  writeFileSync(responsesFile(sb), JSON.stringify(table, null, 1), { mode: 0o600 });
  appendFileSync(
    join(sb.dir, 'faults.log'),
    `${JSON.stringify({ at: new Date().toISOString(), remove, ...fault })}\n`,
    { mode: 0o600 },
  );
}

export interface ShimCall {
  type: 'shim-call';
  tool: string;
  args: string[];
  stepId: string | null;
  commandId: string | null;
  result: 'expected' | 'simulated' | 'fault' | 'wrapper';
  exit: number;
}

/** The shim calls logged since the last drain, as journal events (complete lines only). */
export function drainShimLog(sb: Sandbox): ShimCall[] {
  const file = join(sb.dir, 'shim.log');
  if (!existsSync(file)) return [];
  const size = statSync(file).size;
  if (size <= sb.logOffset) return [];
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(size - sb.logOffset);
  try {
    readSync(fd, buf, 0, buf.length, sb.logOffset);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8');
  const end = text.lastIndexOf('\n');
  if (end < 0) return [];
  sb.logOffset += Buffer.byteLength(text.slice(0, end + 1));
  const out: ShimCall[] = [];
  for (const line of text.slice(0, end).split('\n')) {
    try {
      const c = JSON.parse(line) as {
        tool: string;
        args: string[];
        stepId: string | null;
        commandId: string | null;
        result: ShimCall['result'];
        exit: number;
      };
      out.push({
        type: 'shim-call',
        tool: String(c.tool).slice(0, 200),
        args: (c.args ?? []).slice(0, 200).map((a) => String(a).slice(0, 4000)),
        stepId: c.stepId ?? null,
        commandId: c.commandId ?? null,
        result: c.result,
        exit: Number(c.exit) || 0,
      });
    } catch {
      // A line the shim did not finish writing is not a call.
    }
  }
  return out;
}

export interface SandboxBlocked {
  type: 'sandbox-blocked';
  stepId: string | null;
  commandId: string | null;
  kind: 'network' | 'write';
  target: string;
  call: string;
}

/** The attempts the sandbox refused since the last drain, as journal events of this step command. */
export function drainBlocked(sb: Sandbox, stepId: string | null, commandId: string | null): SandboxBlocked[] {
  if (sb.isolation.observer === null) return [];
  const r = readBlocked(sb.traceLog, sb.traceOffset);
  sb.traceOffset = r.offset;
  return r.attempts.map((a) => ({
    type: 'sandbox-blocked',
    stepId,
    commandId,
    kind: a.kind,
    target: a.target.slice(0, 2000),
    call: a.call.slice(0, 200),
  }));
}

/** The journal event recording what isolated this rehearsal. */
export function isolationEvent(sb: Sandbox) {
  const { kind, observer, readOnlyFs, note } = sb.isolation;
  return { type: 'rehearsal-isolation' as const, kind, observer, readOnlyFs, note: note.slice(0, 2000) };
}
