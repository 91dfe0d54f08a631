// Secrets out of everything that leaves the machine: exports, bundles, shared transcripts. The
// journal keeps what was typed and seen (it never leaves the session folder); every export passes
// through a Redactor, which replaces what matches with ‹redacted› and counts what it replaced.
import { TejunError } from '../../shared/errors';
import { compileLinear, PatternRefused, type LinearRegex } from '../runbook/linearRegex';

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
  { name: 'password option', re: /(?:--password|--passwd|--token|--secret)(?:=|\s+)("[^"\n]*"|'[^'\n]*'|[^\s'"]+)/g, group: 1 },
  { name: 'AWS access key', re: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, group: 1 },
  { name: 'AWS secret key', re: /\baws_secret_access_key\s*[=:]\s*([A-Za-z0-9/+=]{40})/gi, group: 1 },
  { name: 'GitHub token', re: /\b(gh[pousr]_[A-Za-z0-9]{36,})\b/g, group: 1 },
  { name: 'Slack token', re: /\b(xox[abprs]-[A-Za-z0-9-]{10,})\b/g, group: 1 },
];

/** A runbook's own pattern, on the linear-time engine: the whole match is the secret. */
interface LinearRule {
  name: string;
  re: LinearRegex;
}

/** A reference to a secret, not the secret: `$PGPASSWORD`, `${TOKEN}`, `<PASSWORD>`, `[password]`, `****`. */
const NOT_A_SECRET = /^["']?(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\([^)]*\)|<[^>]+>|\[[^\]]+\]|\*+|x+|X+|_+|\.\.\.|…)["']?$/;

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
    for (const rule of this.extra)
      out = rule.re.replace(out, (whole) => {
        if (!this.isSecret(whole)) return whole;
        this.count(rule.name);
        return REDACTED;
      });
    return out;
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

/**
 * Redaction over a stream (a transcript copied out chunk by chunk): complete lines are redacted and
 * passed on; a partial line waits for its end, so a secret split across two chunks is still found.
 * A line longer than `maxLine` is passed on in pieces (a secret spanning that cut is the price of
 * bounded memory; 64 KiB lines of secrets are not what terminals print).
 */
function runbookPattern(source: string, i: number): LinearRegex {
  try {
    return compileLinear(source);
  } catch (e) {
    if (!(e instanceof PatternRefused)) throw e;
    throw new TejunError(
      'PATTERN_REFUSED',
      `Redaction pattern ${i + 1} (${JSON.stringify(source.slice(0, 80))}) is refused: ${e.reason.en} `
        + "Fix it in the runbook's front matter (redact:); `tejun lint` shows its line.",
      { field: `redact[${i}]` },
    );
  }
}

export class RedactingStream {
  private pending = '';

  constructor(private readonly redactor: Redactor, private readonly sink: (s: string) => void, private readonly maxLine = 64 * 1024) {}

  write(chunk: string): void {
    this.pending += chunk;
    const nl = this.pending.lastIndexOf('\n');
    if (nl >= 0) {
      this.sink(this.redactor.redact(this.pending.slice(0, nl + 1)));
      this.pending = this.pending.slice(nl + 1);
    }
    if (this.pending.length > this.maxLine) {
      this.sink(this.redactor.redact(this.pending));
      this.pending = '';
    }
  }

  end(): void {
    if (this.pending) this.sink(this.redactor.redact(this.pending));
    this.pending = '';
  }
}
