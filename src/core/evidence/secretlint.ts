// The field's own secret detectors: secretlint's recommended preset (AWS, GCP, GitHub, GitLab, Slack,
// npm, Stripe, OpenAI, Anthropic, SendGrid, database connection strings, …), kept up to date by its
// maintainers, so tejun's own rules cover only what it lacks. Its rules are plain synchronous
// functions over a text (`file(source)` → `context.report({ range })`): they are called directly on
// each piece of output, without secretlint's async engine or its config files.
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';

export interface Finding {
  rule: string;
  start: number;
  end: number;
  /** The secret itself as the rule names it (its message's props), when it names one. */
  values: string[];
}

interface Report {
  range: [number, number];
  message?: { props?: Record<string, unknown> };
}

interface RuleCreator {
  meta: { id: string; type: string };
  create(ctx: unknown, options: Record<string, unknown>): { file?: (source: unknown) => unknown };
}

/** Per rule: AWS access key ids are off by default in secretlint; a transcript should lose them too. */
const OPTIONS: Record<string, Record<string, unknown>> = {
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};

/**
 * A cheap test a text must pass before a costly rule runs on it: the AWS rule's key-id pattern has no
 * anchor and tries every capital letter (a fifth of the whole redaction time on ordinary output).
 * Each gate is a necessary condition of the rule's own patterns (their prefixes and labels).
 */
const GATES: Record<string, RegExp> = {
  '@secretlint/secretlint-rule-aws': /A3T|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|ccount|CCOUNT|ecret|ECRET/,
};

export interface Scanner {
  name: string;
  scan(text: string, found: Finding[]): void;
}

function scannerOf(rule: RuleCreator): Scanner {
  const name = rule.meta.id.replace('@secretlint/secretlint-rule-', '');
  let found: Finding[] = [];
  const ctx = {
    createTranslator: () => (_id: string, props?: Record<string, unknown>) => ({ props }),
    report: (r: Report) => {
      const values = Object.values(r.message?.props ?? {}).filter(
        (v): v is string => typeof v === 'string' && v.length >= 8,
      );
      found.push({ rule: name, start: r.range[0], end: r.range[1], values });
    },
    ignore: () => {},
  };
  const handlers = rule.create(ctx, OPTIONS[rule.meta.id] ?? {});
  const gate = GATES[rule.meta.id];
  return {
    name,
    scan(text, into) {
      if (gate && !gate.test(text)) return;
      found = into;
      const r = handlers.file?.({
        content: text,
        filePath: 'terminal.txt',
        ext: '.txt',
        contentType: 'text',
        sourceContent: text,
      });
      // A rule that answers later (secretlint reads binary key stores) cannot serve a stream: its answer is dropped.
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).catch(() => {});
    },
  };
}

/**
 * Its URL rules report the whole URL; tejun's own URL rule replaces only the password, so the operator
 * still reads which user and which host a command reached (and leaves `<PASSWORD>` placeholders alone).
 */
const REPLACED_BY_TEJUN = new Set([
  '@secretlint/secretlint-rule-database-connection-string',
  '@secretlint/secretlint-rule-basicauth',
]);

/** Scanners for the preset's text rules (its comment filter and any non-scanner left out). */
export const SECRETLINT: readonly Scanner[] = (presetRules as unknown as RuleCreator[])
  .filter((r) => r.meta.type === 'scanner' && !REPLACED_BY_TEJUN.has(r.meta.id))
  .map(scannerOf);
