// Which programs a runbook's commands call, read from the command text the way a shell would split
// it (pipes, lists, substitutions, sudo/env/time wrappers), so rehearsal can put a shim in front of
// each. Also what would slip past the shims: an absolute path, a remote shell, a raw socket.

/** Read-only text utilities left to the system in a rehearsal: they cannot reach production. */
export const HARMLESS = new Set([
  'echo',
  'printf',
  'cat',
  'grep',
  'egrep',
  'fgrep',
  'awk',
  'sed',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'tee',
  'date',
  'sleep',
  'true',
  'false',
  'test',
  '[',
  'cd',
  'pwd',
  'basename',
  'dirname',
  'seq',
  'xargs',
  'export',
  'set',
  'unset',
  'read',
  'column',
  'yes',
  'expr',
  'printenv',
  'env',
  'which',
  'type',
  'command',
  'source',
  '.',
  'exit',
  'return',
  'local',
  'declare',
  'shift',
  'wait',
  'trap',
  'eval',
  'jq',
  'base64',
  'sha256sum',
  'md5sum',
  'diff',
  'less',
  'more',
  'clear',
  'history',
  'alias',
  'hash',
  'time',
]);

/** Callers that reach another machine directly: shimmed, and flagged on their step. */
export const REMOTE = new Set([
  'ssh',
  'scp',
  'sftp',
  'nc',
  'ncat',
  'netcat',
  'telnet',
  'socat',
  'rsync',
  'ftp',
  'mosh',
]);

const WRAPPERS = new Set([
  'sudo',
  'time',
  'nohup',
  'exec',
  'nice',
  'ionice',
  'stdbuf',
  'watch',
  'timeout',
  'xargs',
  'env',
  'command',
  'builtin',
]);
const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'do',
  'done',
  'while',
  'until',
  'case',
  'esac',
  'function',
  '{',
  '}',
  '[[',
  ']]',
  '!',
  'in',
  'select',
]);

/** A way past the shims: `what` is the word in the command (the path, the program, the assignment). */
export interface Bypass {
  kind:
    'absolute-path' | 'remote' | 'sets-path' | 'env-i' | 'raw-socket' | 'indirect' | 'interpreter' | 'writes-outside';
  what: string;
}

export interface CommandTools {
  /** Every program called (wrappers like sudo included), in order of first use. */
  tools: string[];
  /** Each call, in order: the program and its arguments as written. */
  calls: { tool: string; args: string[] }[];
  /** What would let a command slip past the shims. */
  bypass: Bypass[];
  /** Programs called by a path as written (`/opt/chat/bin/chat`, `bin/tootctl`): maybe not on this machine. */
  paths: string[];
}

/** Split one line into command segments, respecting quotes: `a | b && c; $(d)` → a, b, c, d. */
function segments(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (quote === '"' && c === '$' && line[i + 1] === '(') {
        out.push(cur);
        cur = '';
        i++;
        continue;
      }
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    if (c === '|' || c === ';' || c === '&' || c === '(' || c === ')' || c === '`') {
      out.push(cur);
      cur = '';
      continue;
    }
    if (c === '$' && line[i + 1] === '(') {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

const words = (seg: string): string[] => seg.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
const unquote = (w: string) => w.replace(/^["']|["']$/g, '');

/** A program path safe to name a shell function after (no quoting needed, nothing the shell expands). */
const PATH_WORD = /^(?!-)[A-Za-z0-9_./-]*\/[A-Za-z0-9_.-]+$/;

export function commandTools(text: string): CommandTools {
  const tools: string[] = [];
  const calls: { tool: string; args: string[] }[] = [];
  const bypass: Bypass[] = [];
  const paths: string[] = [];
  const add = (t: string) => !tools.includes(t) && tools.push(t);
  // Continuations joined; heredoc bodies are data, not commands.
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  let heredoc: string | null = null;
  for (const line of lines) {
    if (heredoc !== null) {
      if (line.trim() === heredoc) heredoc = null;
      continue;
    }
    const hd = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(line);
    for (const seg of segments(line)) {
      let ws = words(seg).map(unquote);
      // Assignments before the command (FOO=bar cmd), and PATH tampering.
      while (ws.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[0]!)) {
        if (/^PATH=/.test(ws[0]!)) bypass.push({ kind: 'sets-path', what: ws[0]!.slice(0, 60) });
        ws = ws.slice(1);
      }
      while (ws.length) {
        const w = ws[0]!;
        // `for x in …` / `case x in`: the rest of this segment is words, not a command.
        if (w === 'for' || w === 'select' || w === 'case') break;
        if (KEYWORDS.has(w)) {
          ws = ws.slice(1);
          continue;
        }
        if (w.startsWith('/') || w.startsWith('~/')) {
          bypass.push({ kind: 'absolute-path', what: w });
          add(w.split('/').pop()!);
          calls.push({ tool: w.split('/').pop()!, args: ws.slice(1) });
          if (PATH_WORD.test(w) && !paths.includes(w)) paths.push(w);
          break;
        }
        if (PATH_WORD.test(w) && /^[A-Za-z0-9_.-]+\/./.test(w)) {
          // `bin/tootctl`, `./deploy.sh`: relative to where the shell is; answered by the shims when not there.
          add(w.split('/').pop()!);
          calls.push({ tool: w.split('/').pop()!, args: ws.slice(1) });
          if (!paths.includes(w)) paths.push(w);
          break;
        }
        if (!/^[A-Za-z0-9_.][A-Za-z0-9_.+-]*$/.test(w) && w !== '[') break;
        if (w === 'env' && ws[1] === '-i') bypass.push({ kind: 'env-i', what: 'env -i' });
        if (WRAPPERS.has(w) && !HARMLESS.has(w)) add(w);
        if (WRAPPERS.has(w)) {
          // Skip the wrapper's own options and arguments (sudo -u x, timeout 30, env A=B).
          ws = ws.slice(1);
          while (
            ws.length &&
            (ws[0]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[0]!) || /^\d+[smhd]?$/.test(ws[0]!))
          )
            ws = ws.slice(ws[0] === '-u' || ws[0] === '-n' ? 2 : 1);
          continue;
        }
        if (REMOTE.has(w)) bypass.push({ kind: 'remote', what: w });
        if (!HARMLESS.has(w)) {
          add(w);
          calls.push({ tool: w, args: ws.slice(1) });
        }
        break;
      }
    }
    if (hd) heredoc = hd[1]!;
  }
  for (const b of escapes(text)) if (!bypass.some((x) => x.kind === b.kind && x.what === b.what)) bypass.push(b);
  return { tools, calls, bypass, paths };
}

/**
 * Shell forms that get past shims on PATH, read from the raw text (generous: a false alarm only
 * asks the operator, a miss reaches production when no OS sandbox holds the shell).
 */
const ESCAPES: { kind: Bypass['kind']; re: RegExp }[] = [
  { kind: 'raw-socket', re: /\/dev\/(tcp|udp)\/[^\s;|&]*/ },
  { kind: 'indirect', re: /(^|[;&|(\s])alias\s+[\w.-]+=/ },
  { kind: 'indirect', re: /(^|[;&|({]|\bthen|\bdo|\belse)\s*["']?\$[({A-Za-z_][^\s;|&]*/m },
  { kind: 'indirect', re: /(^|[;&|(\s])eval\s/ },
  { kind: 'indirect', re: /\b(ba|z|k|da|fi)?sh\s+(-[a-z]*\s+)*-[a-z]*c\b/ },
  { kind: 'indirect', re: /\b[gnm]?awk\b[^|;&]*\bsystem\s*\(/ },
  { kind: 'indirect', re: /\b(command|hash)\s+-[a-zA-Z]*p\b/ },
  { kind: 'indirect', re: /\b(find\b[^|;&]*-exec|xargs\s+(-\S+\s+)*(sh|bash))\b/ },
  { kind: 'sets-path', re: /(^|[\s;&|(])(export\s+|declare\s+-x\s+|typeset\s+-x\s+)?PATH\+?=[^\s;|&]*/m },
  { kind: 'interpreter', re: /(^|[\s;&|(])(python[0-9.]*|perl|ruby|node|php|lua|tclsh|osascript)(\s|$)/m },
  // An unquoted `> /abs` is moved under the rehearsal root (rehearsalCommand); a quoted one or `~` is not.
  { kind: 'writes-outside', re: /\d?>>?\s*(["']\/(?!dev\/(null|stdout|stderr|fd\/))|["']?~|["']?\$\{?HOME)[^\s;|&]*/ },
  { kind: 'writes-outside', re: />\|\s*\S+/ },
  { kind: 'writes-outside', re: /\btee\s+(-\S+\s+)*["']?(\/|~|\$HOME)\S*/ },
  { kind: 'writes-outside', re: /\bsed\s+(-\S+\s+)*(-[a-zA-Z]*i\b|--in-place)/ },
  { kind: 'writes-outside', re: /\bsort\b[^|;&]*\s-o\s*\S+/ },
  { kind: 'writes-outside', re: /\bdd\b[^|;&]*\bof=\S+/ },
];

/** `cd` somewhere real, then a relative write: the write lands outside the rehearsal folder. */
const CD_THEN_WRITE = /(^|[;&|(\s])cd\s+["']?(\/|~|\$HOME|\.\.)[\s\S]*(>|\btee\b|\bsed\s+-[a-zA-Z]*i|\bsort\b.*-o)/;

export function escapes(text: string): Bypass[] {
  const code = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n');
  const out: Bypass[] = [];
  for (const { kind, re } of ESCAPES) {
    const m = re.exec(code);
    if (m) out.push({ kind, what: m[0].trim().slice(0, 60) });
  }
  const cd = CD_THEN_WRITE.exec(code);
  if (cd) out.push({ kind: 'writes-outside', what: `cd ${cd[2]}… then a write` });
  return out;
}
