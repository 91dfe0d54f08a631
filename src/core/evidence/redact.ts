// Secrets out of everything that leaves the machine: exports, bundles, shared transcripts. The
// journal keeps what was typed and seen (it never leaves the session folder); every export passes
// through a Redactor, which replaces what matches with ‹redacted› and counts what it replaced.
import { TejunError } from '../../shared/errors';
import { compileLinear, PatternRefused, type LinearRegex } from '../runbook/linearRegex';
import { SECRETLINT, type Finding } from './secretlint';

export const REDACTED = '‹redacted›';

interface Rule {
  name: string;
  re: RegExp;
  /** Which capture group is the secret; 0 = the whole match. */
  group: number;
}

// Each rule finds the secret itself, so the context around it (the user, the host) stays readable.
// They run on V8's engine, on every journaled output: each is written so that no input makes it
// backtrack more than a bounded number of steps per position (an unbounded run before a required
// literal — the URL scheme, the key's label — was quadratic: 64 KB of `a-a-a…` took 12 s).
// redact.test.ts feeds each its worst case.
const BUILT_IN: Rule[] = [
  {
    name: 'private key',
    re: /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)/g,
    group: 0,
  },
  { name: 'password in a URL', re: /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/@'"`]+:([^\s@/'"`]+)@/gi, group: 1 },
  { name: 'bearer token', re: /\b(?:Bearer|Token)\s+([A-Za-z0-9\-._~+/]{8,}=*)/g, group: 1 },
  { name: 'basic auth header', re: /\bAuthorization:\s*Basic\s+([A-Za-z0-9+/]{8,}=*)/gi, group: 1 },
  {
    name: 'password variable',
    re: /\b(?:PGPASSWORD|MYSQL_PWD|[A-Z0-9_]{0,64}(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY))\s*[=:]\s*("[^"\n]*"|'[^'\n]*'|[^\s'"]+)/g,
    group: 1,
  },
  {
    name: 'password option',
    re: /(?:--password|--passwd|--token|--secret)(?:=|\s+)("[^"\n]*"|'[^'\n]*'|[^\s'"]+)/g,
    group: 1,
  },
  // mysql's password glued to its flag; bounded between the tool's name and the flag, so linear per line.
  {
    name: 'mysql -p',
    re: /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mariadb)\b[^\n|;&]{0,240}?\s-p("[^"\n]*"|'[^'\n]*'|[^\s'"]+)/g,
    group: 1,
  },
  // A query string's password, in any case (secretlint and the variable rule above look for upper case or labels).
  {
    name: 'password in a query',
    re: /[?&;](?:password|passwd|pwd|pass|secret|token|api_?key|access_token)=([^&\s#'"]+)/gi,
    group: 1,
  },
  // A JWT anywhere (not only after Bearer); anchored at a run's start, so a run of `eyJeyJ…` is scanned once.
  { name: 'JWT', re: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g, group: 1 },
  // secretlint wants exactly 82 characters; GitHub has not promised that length.
  { name: 'GitHub fine-grained token', re: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{22,255})/g, group: 1 },
];

/** A runbook's own pattern, on the linear-time engine: the whole match is the secret. */
interface LinearRule {
  name: string;
  re: LinearRegex;
}

/** A reference to a secret, not the secret: `$PGPASSWORD`, `${TOKEN}`, `<PASSWORD>`, `[password]`, `****`. */
const NOT_A_SECRET =
  /^["']?(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\([^)]*\)|<[^>]+>|\[[^\]]+\]|\*+|x+|X+|_+|\.\.\.|…)["']?$/;

export interface RedactionOptions {
  /** Values of variables marked secret: replaced wherever they appear. */
  secrets?: string[];
  /** Extra patterns (regular expression source) from the runbook's front matter or the settings. */
  patterns?: string[];
}

export class Redactor {
  private readonly rules: Rule[] = BUILT_IN;
  private readonly extra: LinearRule[];
  private readonly literals: string[];
  /** How many times each rule replaced something, for the export's own report. */
  readonly counts = new Map<string, number>();

  constructor(opts: RedactionOptions = {}) {
    // Short values (a "1", a "yes") would blank out half the document: a secret is at least 4 characters.
    this.literals = [...new Set((opts.secrets ?? []).filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
    this.extra = (opts.patterns ?? []).map((p, i) => ({ name: `pattern ${i + 1}`, re: runbookPattern(p, i) }));
  }

  private count(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  redact(text: string): string {
    let out = text;
    for (const lit of this.literals) {
      if (!out.includes(lit)) continue;
      const parts = out.split(lit);
      for (let i = 1; i < parts.length; i++) this.count('secret variable');
      out = parts.join(REDACTED);
    }
    for (const rule of this.rules) {
      rule.re.lastIndex = 0;
      out = out.replace(rule.re, (...m: unknown[]) => {
        const whole = m[0] as string;
        const secret = (rule.group === 0 ? whole : (m[rule.group] as string | undefined)) ?? '';
        if (!this.isSecret(secret)) return whole;
        this.count(rule.name);
        if (rule.group === 0) return REDACTED;
        const at = whole.lastIndexOf(secret);
        return whole.slice(0, at) + REDACTED + whole.slice(at + secret.length);
      });
    }
    out = this.redactFindings(out);
    for (const rule of this.extra)
      out = rule.re.replace(out, (whole) => {
        if (!this.isSecret(whole)) return whole;
        this.count(rule.name);
        return REDACTED;
      });
    return out;
  }

  /** secretlint's findings, after tejun's own rules (which keep a URL's user and host readable). */
  private redactFindings(text: string): string {
    const found: Finding[] = [];
    for (const s of SECRETLINT) s.scan(text, found);
    if (!found.length) return text;
    // Its ranges are not always the secret's (the AWS rule's starts at the label): the secret it names wins.
    const spans: [number, number, string][] = [];
    for (const f of found) {
      const near = Math.max(0, f.start - 256);
      const hits = f.values
        .map((v) => [text.indexOf(v, near), v.length] as const)
        .filter(([at]) => at >= 0 && at <= f.end);
      if (!hits.length) spans.push([f.start, f.end, f.rule]);
      for (const [at, len] of hits) spans.push([at, at + len, f.rule]);
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let out = '';
    let at = 0;
    for (const [start, end, rule] of spans) {
      if (end <= at) continue;
      const secret = text.slice(Math.max(start, at), end);
      if (!this.isSecret(secret)) continue;
      out += text.slice(at, Math.max(start, at)) + REDACTED;
      at = end;
      this.count(rule);
    }
    return out + text.slice(at);
  }

  private isSecret(s: string): boolean {
    return s !== '' && !s.includes(REDACTED) && !NOT_A_SECRET.test(s);
  }

  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }
}

function runbookPattern(source: string, i: number): LinearRegex {
  try {
    return compileLinear(source);
  } catch (e) {
    if (!(e instanceof PatternRefused)) throw e;
    throw new TejunError(
      'PATTERN_REFUSED',
      `Redaction pattern ${i + 1} (${JSON.stringify(source.slice(0, 80))}) is refused: ${e.reason.en} ` +
        "Fix it in the runbook's front matter (redact:); `tejun lint` shows its line.",
      { field: `redact[${i}]` },
    );
  }
}

const KEY_BEGIN = /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----/g;
const KEY_END = /-----END [A-Z ]{0,40}PRIVATE KEY-----/g;
/** A private key block longer than this is not one (or its end was lost): stop swallowing output. */
const KEY_MAX = 64 * 1024;

function lastIndex(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let at = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) at = m.index;
  return at;
}

/**
 * Redaction over a stream (a transcript written as it comes, an export copied chunk by chunk):
 * complete lines are redacted and passed on; a partial line waits for its end, so a secret split
 * across two chunks is still found. A private key's block spans many lines and chunks: from its
 * BEGIN line to its END line nothing is passed on. A line longer than `maxLine` is passed on in
 * pieces (a secret spanning that cut is the price of bounded memory).
 */
/** A redactor, or where to get the current one (a session's grows as secret variables are set). */
export type RedactorSource = Redactor | (() => Redactor);

export class RedactingStream {
  private pending = '';
  /** Characters swallowed since an unfinished private key block began; -1 outside one. */
  private inKey = -1;

  constructor(
    private readonly source: RedactorSource,
    private readonly sink: (s: string) => void,
    private readonly maxLine = 64 * 1024,
  ) {}

  private get redactor(): Redactor {
    return typeof this.source === 'function' ? this.source() : this.source;
  }

  /** Whether a partial line is held back, waiting for its end. */
  get holding(): boolean {
    return this.pending.length > 0;
  }

  write(chunk: string): void {
    this.pending += chunk;
    const nl = this.pending.lastIndexOf('\n');
    if (nl >= 0) {
      const lines = this.pending.slice(0, nl + 1);
      this.pending = this.pending.slice(nl + 1);
      this.emit(lines);
    }
    if (this.pending.length > this.maxLine) {
      const piece = this.pending;
      this.pending = '';
      this.emit(piece);
    }
  }

  /** Text that is not held back any more (whatever is still pending is flushed). */
  end(): void {
    if (this.pending) this.emit(this.pending);
    this.pending = '';
  }

  private emit(text: string): void {
    let rest = text;
    if (this.inKey >= 0) {
      KEY_END.lastIndex = 0;
      const end = KEY_END.exec(rest);
      if (!end) {
        this.inKey += rest.length;
        if (this.inKey > KEY_MAX) this.inKey = -1;
        return;
      }
      this.inKey = -1;
      rest = rest.slice(end.index + end[0].length);
    }
    // The built-in rule redacts an unfinished block to the end of this text; the rest of it is swallowed here.
    if (lastIndex(KEY_BEGIN, rest) > lastIndex(KEY_END, rest)) this.inKey = 0;
    if (rest) this.sink(this.redactor.redact(rest));
  }
}
