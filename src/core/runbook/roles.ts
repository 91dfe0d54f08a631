// The role of one fenced block, from its info string when that is decisive, else from its content and the
// words before it. Pure: the same inputs give the same decision.
import type { BlockRole, Confidence } from '../../shared/model';
import { commandShare, fileShare, hasSqlPrompt, looksLikeOutput, looksLikeSql, splitPrompts } from './shapes';

export interface RoleInput {
  /** First word of the info string, lower-case ('' when none). */
  lang: string;
  text: string;
  /** The prose right before the block (last lines of the paragraph or list item, or the heading over it). */
  before: string;
  /** A label right before the block: 期待される結果: / Expected output: (output), 症状: (a symptom, shown as output). */
  label: 'expected' | 'symptom' | null;
  /** The block before, with only prose between them, was a command (fenced or inline). */
  afterCommand: boolean;
  /** Text of that command, when there is one. */
  previousCommand: string;
  /** A database shell (mongosh, psql, mysql…) was opened by a command earlier in the document. */
  dbShell?: boolean;
}

export interface RoleDecision {
  role: BlockRole;
  confidence: Confidence;
  why: string;
  /** For a command: the text to run (prompts removed). */
  command?: string | undefined;
  /** Output lines inside the block (a `$ cmd` block with its output), and their first line index. */
  output?: string | undefined;
  outputIndex?: number | undefined;
}

export const SHELL_LANGS = new Set([
  'bash',
  'sh',
  'shell',
  'zsh',
  'fish',
  'ksh',
  'csh',
  'tcsh',
  'powershell',
  'pwsh',
  'ps1',
  'ps',
  'bat',
  'batch',
  'cmd',
  'dos',
  'bash-script',
  'shellscript',
  'sh-script',
]);
export const CONSOLE_LANGS = new Set([
  'console',
  'shell-session',
  'shellsession',
  'sh-session',
  'terminal',
  'session',
  'bash-session',
  'pwsh-session',
  'ps1-session',
  'doscon',
  'prompt',
]);
const OUTPUT_LANGS = new Set(['output', 'log', 'logs', 'stdout', 'stderr', 'result', 'results', 'out', 'response']);
const SQL_LANGS = new Set([
  'sql',
  'psql',
  'mysql',
  'pgsql',
  'plpgsql',
  'postgresql',
  'postgres',
  'tsql',
  'mssql',
  'sqlite',
  'plsql',
  'cql',
  'mariadb',
]);
const MESSAGE_LANGS = new Set(['markdown', 'md', 'slack', 'message', 'email', 'mail', 'eml', 'mrkdwn']);
const FILE_LANGS = new Set([
  'yaml',
  'yml',
  'json',
  'jsonc',
  'json5',
  'toml',
  'ini',
  'conf',
  'cfg',
  'config',
  'properties',
  'xml',
  'hcl',
  'tf',
  'terraform',
  'nginx',
  'apache',
  'apacheconf',
  'dockerfile',
  'docker',
  'diff',
  'patch',
  'env',
  'dotenv',
  'systemd',
  'caddyfile',
  'caddy',
  'csv',
  'tsv',
  'http',
  'nix',
  'cron',
  'crontab',
  'haproxy',
  'vcl',
  'sshconfig',
  'ssh-config',
  'gitignore',
  'editorconfig',
  'conf-javaprop',
  'dosini',
  'kubernetes',
  'k8s',
  'helm',
  'jinja',
  'j2',
  'jinja2',
  'gotmpl',
  'tmpl',
  'template',
  'html',
  'css',
]);
const DIAGRAM_LANGS = new Set([
  'mermaid',
  'plantuml',
  'puml',
  'dot',
  'graphviz',
  'ascii',
  'ditaa',
  'svgbob',
  'mathjax',
  'math',
  'latex',
  'tex',
]);
const CODE_LANGS = new Set([
  'python',
  'py',
  'ruby',
  'rb',
  'js',
  'javascript',
  'ts',
  'typescript',
  'jsx',
  'tsx',
  'go',
  'golang',
  'java',
  'c',
  'cpp',
  'c++',
  'rust',
  'rs',
  'php',
  'perl',
  'pl',
  'lua',
  'kotlin',
  'kt',
  'swift',
  'scala',
  'groovy',
  'cs',
  'csharp',
  'elixir',
  'erlang',
  'r',
  'lisp',
  'clojure',
  'haskell',
  'dart',
  'vb',
  'pseudo',
  'pseudocode',
  'rego',
  'promql',
  'logql',
  'graphql',
  'gql',
  'regex',
  'awk',
  'sed',
  'jq',
  'lua',
]);
/** Info strings that say nothing of the role: decide from the content. */
const NEUTRAL_LANGS = new Set([
  '',
  'text',
  'txt',
  'plaintext',
  'plain',
  'none',
  'nohighlight',
  'no-highlight',
  'raw',
  'code',
  'sample',
  'example',
]);

export const OUTPUT_WORDS = anyOf(
  'i',
  String.raw`出力例|出力結果|実行結果|実行例|結果の例|結果例|期待される(出力|結果)|期待値|(表示|出力)(され|が出|結果)|(返って|返され|返りま|戻りま)`,
  String.raw`(次|以下)のよう(な|に)(出力|結果|表示|なり|返|メッセージ|レスポンス)|のような(出力|結果|表示|メッセージ|レスポンス)|(出力|結果|レスポンス|応答)\s*[:：]?\s*$`,
  String.raw`\b(example|sample|expected|typical|the) (output|response|result)s?\b`,
  String.raw`\boutput (should|will|looks?|is|similar|resembles)`,
  String.raw`\bshould (see|look like|return|print|output|show|display|get)`,
  String.raw`\byou(?:'ll| will| should| may| might)? (see|get)\b|\bwill (print|output|show|display|return|look)`,
  String.raw`\blooks? (something )?like\b`,
  String.raw`\b(returns?|prints?|outputs?|displays?|shows?|responds?)\b[^.。]{0,80}[:：]\s*$`,
  String.raw`\b(output|response|result)s?\s*[:：]\s*$|\bsimilar to\b`,
);
export const COMMAND_WORDS = anyOf(
  'i',
  String.raw`\b(run|runs|running|execute|executing|type|issue|enter|invoke|use the following|following commands?)\b`,
  String.raw`commands?\s*[:：]?\s*$|実行|コマンド|叩|入力して`,
);
const FILE_VERBS = 'create|creating|save|saving|write|edit|add|append|put|paste|replace|update|modify|change';
const FILE_OBJECTS = 'file|config|configuration|manifest|contents?|lines?|section|values?|following|settings?';
const FILE_WORDS = anyOf(
  'i',
  String.raw`\b(${FILE_VERBS}) (?:(?:a|the|this|your|following|new|an?)\s)*(${FILE_OBJECTS})\b`,
  String.raw`\bfile\b`,
  String.raw`\b[\w.-]{1,60}\.(ya?ml|json|toml|ini|conf|cfg|env|properties|xml|service|tf|php|rb|py|js|ts|sh|cnf)\b`,
  String.raw`ファイル|設定(を|に|内容)|記述|内容で|追記|書き換え|編集|作成します|マニフェスト`,
);
const MESSAGE_WORDS = anyOf(
  'i',
  String.raw`\b(slack|e-?mail|announce|announcement|notify|notification|post|message|template)\b`,
  String.raw`\b(status ?page|tweet|mailing list)\b`,
  String.raw`メール|アナウンス|通知|告知|周知|投稿|連絡|テンプレート|文面|メッセージ`,
);
/** The last command opened an interactive client (a database shell): what follows is typed into it. */
const DB_CLIENTS = String.raw`mongo|mongosh|[\w-]{1,30}-shell|psql|mysql|mariadb|sqlite3|redis-cli|cqlsh`;
export const DB_SHELL = anyOf('', String.raw`(^|\n)\s*(sudo\s+(-u\s+\S+\s+)?)?(${DB_CLIENTS})\b`);
const INTERACTIVE = anyOf(
  '',
  String.raw`(^|\n)\s*(sudo\s+(-u\s+\S+\s+)?)?(${DB_CLIENTS}|rails (c|console|dbconsole)|bin\/console|python3?|irb|node)\b` +
    String.raw`(?![^\n]*\s(-e|-c|--eval|--command|--execute)\s)(?![^\n]*<)[^\n|;&]*$`,
);
const QUERY_COMMAND = anyOf(
  'i',
  String.raw`\b(get|describe|status|show|list|ls|cat|curl|http|version|info|inspect|logs?|top|check|health)\b`,
  String.raw`\b(ps|df|du|query|wget|dig|ping|head|tail|grep|stat|lsblk)\b`,
);

/** A regex from alternatives written over several lines (each chunk is itself `a|b|c`). */
function anyOf(flags: string, ...chunks: string[]): RegExp {
  return new RegExp(chunks.join('|'), flags);
}

const d = (role: BlockRole, confidence: Confidence, why: string, extra: Partial<RoleDecision> = {}): RoleDecision => ({
  role,
  confidence,
  why,
  ...extra,
});

/** A block with `$ ` prompts: its prompt lines are the command, the rest its output. */
function fromPrompts(text: string, shellComments: boolean, confidence: Confidence, lang: string): RoleDecision | null {
  const split = splitPrompts(text, shellComments);
  if (!split) return null;
  const lines = text.split('\n');
  const output = split.outputLines.length ? split.outputLines.map((i) => lines[i]!).join('\n') : undefined;
  const why = output
    ? `${lang ? `${lang} block: ` : ''}prompt lines are the command, the rest its output`
    : `${lang ? `${lang} block: ` : ''}lines start with a prompt`;
  return d('command', confidence, why, {
    command: split.commands.join('\n'),
    output,
    outputIndex: split.outputLines[0],
  });
}

function quote(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

function lastSentence(before: string): string {
  const lines = before.split('\n').filter((l) => l.trim());
  return lines[lines.length - 1] ?? '';
}

export function classifyBlock(input: RoleInput): RoleDecision {
  const { lang, text, label } = input;
  if (label === 'expected') return d('output', 'stated', 'under an expected-output label');
  if (label === 'symptom') return d('output', 'stated', 'under a symptom label');
  if (DIAGRAM_LANGS.has(lang)) return d('other', 'stated', `${lang} diagram`);
  if (SHELL_LANGS.has(lang)) return shellBlock(input);
  if (CONSOLE_LANGS.has(lang)) return consoleBlock(input);
  if (OUTPUT_LANGS.has(lang)) return d('output', 'stated', `info string "${lang}"`);
  if (SQL_LANGS.has(lang)) return d('sql', 'stated', `info string "${lang}"`);
  if (MESSAGE_LANGS.has(lang)) return d('message', 'stated', `info string "${lang}"`);
  if (FILE_LANGS.has(lang)) return fileBlock(input);
  if (CODE_LANGS.has(lang)) {
    const repl = /^\s*>>>\s/m.test(text) ? fromPrompts(text, true, 'inferred', lang) : null;
    if (repl) return { ...repl, why: `${lang} session: >>> lines are typed at the prompt` };
    if (input.afterCommand && INTERACTIVE.test(input.previousCommand))
      return d('sql', 'inferred', `${lang} typed into the shell opened above`);
    if (input.dbShell && /^(js|javascript)$/.test(lang))
      return d('sql', 'inferred', `${lang} for the database shell used in this document`);
    if (FILE_WORDS.test(lastSentence(input.before))) return d('file', 'inferred', `${lang} code to save as a file`);
    return d('other', 'stated', `${lang} code`);
  }
  if (!NEUTRAL_LANGS.has(lang) && !/^(shell|sh|bash|console)\b/.test(lang)) {
    // An info string we do not know (a file name such as `values.yaml`, a tool name): read the content, say so.
    if (/\.(ya?ml|json|toml|ini|conf|cfg|env|xml|service|tf)$/.test(lang))
      return d('file', 'stated', `info string names a file (${lang})`);
  }
  return fromContent(input);
}

function shellBlock(input: RoleInput): RoleDecision {
  const { lang, text } = input;
  const prompted = /^\s{0,8}(\$|%|PS|[A-Za-z]:\\|>>>|\[|[\w.-]{1,40}@)/m.test(text)
    ? fromPrompts(text, true, 'stated', lang)
    : null;
  if (prompted) return prompted;
  const words = input.afterCommand ? lastSentence(input.before) : '';
  if (input.afterCommand && OUTPUT_WORDS.test(words) && !COMMAND_WORDS.test(words) && commandShare(text).share < 0.3) {
    return d('output', 'inferred', `${lang} block, but it reads as output: "${quote(words)}"`);
  }
  return d('command', 'stated', `info string "${lang}"`, { command: text });
}

function consoleBlock(input: RoleInput): RoleDecision {
  const { lang, text } = input;
  const prompted = fromPrompts(text, false, 'stated', lang);
  if (prompted) return prompted;
  const { share, lines } = commandShare(text);
  const words = lastSentence(input.before);
  if (lines && share >= 0.5)
    return d('command', 'inferred', `${lang} block without prompts: its lines read as commands`, { command: text });
  if (input.afterCommand || OUTPUT_WORDS.test(words) || looksLikeOutput(text)) {
    return d('output', 'inferred', `${lang} block without prompts, no command shape: output of the command above`);
  }
  return d('command', 'inferred', `${lang} block without prompts`, { command: text });
}

function fileBlock(input: RoleInput): RoleDecision {
  const { lang } = input;
  const words = lastSentence(input.before);
  if (OUTPUT_WORDS.test(words) && !FILE_WORDS.test(words))
    return d('output', 'inferred', `${lang} block after "${quote(words)}"`);
  if (
    input.afterCommand &&
    QUERY_COMMAND.test(input.previousCommand) &&
    !FILE_WORDS.test(words) &&
    !/\b(-d|--data|-f|apply|create)\b/.test(input.previousCommand)
  ) {
    return d('output', 'inferred', `${lang} right after a command that prints it`);
  }
  return d('file', 'stated', `info string "${lang}"`);
}

function fromContent(input: RoleInput): RoleDecision {
  const { text } = input;
  const what = input.lang ? `"${input.lang}" block` : 'untagged block';
  if (hasSqlPrompt(text)) return d('sql', 'inferred', `${what} with a database prompt`);
  const prompted = fromPrompts(text, false, 'inferred', '');
  if (prompted) return prompted;
  const words = lastSentence(input.before);
  const { share, lines } = commandShare(text);
  if (OUTPUT_WORDS.test(words)) {
    if (!input.afterCommand && share >= 0.8 && COMMAND_WORDS.test(words))
      return d('command', 'inferred', `${what}: its lines read as commands`, { command: text });
    return d('output', 'inferred', `${what} after "${quote(words)}"`);
  }
  if (lines && share >= 0.6) return d('command', 'inferred', `${what}: its lines read as commands`, { command: text });
  if (looksLikeSql(text)) return d('sql', 'inferred', `${what}: SQL statements`);
  if (MESSAGE_WORDS.test(words) && !FILE_WORDS.test(words) && !looksLikeOutput(text))
    return d('message', 'inferred', `${what} after "${quote(words)}"`);
  if (input.afterCommand && !FILE_WORDS.test(words))
    return d('output', 'inferred', `${what}, no command shape, right after a command`);
  if (fileShare(text) >= 0.6 || (FILE_WORDS.test(words) && !COMMAND_WORDS.test(words)))
    return d('file', 'inferred', `${what}: reads as a file's content`);
  if (input.afterCommand || looksLikeOutput(text)) return d('output', 'inferred', `${what}: reads as program output`);
  if (lines && share >= 0.34 && COMMAND_WORDS.test(words))
    return d('command', 'inferred', `${what} after "${quote(words)}"`, { command: text });
  return d('other', 'inferred', `${what}: no command, file or output shape`);
}
