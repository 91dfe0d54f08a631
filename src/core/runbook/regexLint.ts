// Lint for the regular expressions a runbook carries: its `redact:` patterns (front matter) and its
// `/regex/` expected values. Each must run on the linear-time engine; a refused one is an error at its
// line, saying why and what to write instead.
import { translate } from '../../shared/i18n';
import type { Diagnostic, Step } from '../../shared/model';
import { patternProblem } from './linearRegex';

type Lang = 'ja' | 'en';

/** The file line (1-based) of the front matter line holding this pattern, else of `redact:`. */
function patternLine(yaml: string, source: string): number {
  const lines = yaml.split('\n');
  // As written, or as a double-quoted YAML string writes it (backslashes doubled).
  const forms = [source, JSON.stringify(source).slice(1, -1)];
  const at = lines.findIndex((l) => forms.some((f) => l.includes(f)));
  const key = lines.findIndex((l) => /^redact\s*:/.test(l));
  return 2 + (at >= 0 ? at : Math.max(0, key));
}

export function redactPatternDiagnostics(patterns: string[], yaml: string, lang: Lang): Diagnostic[] {
  const out: Diagnostic[] = [];
  patterns.forEach((p, i) => {
    const why = patternProblem(p, '', lang);
    if (!why) return;
    const shown = JSON.stringify(p.length > 60 ? `${p.slice(0, 60)}…` : p);
    out.push({
      line: patternLine(yaml, p),
      column: 1,
      code: 'redact-pattern-refused',
      severity: 'error',
      message: translate(lang, 'diag.redactRefused', { n: i + 1, shown, why }),
    });
  });
  return out;
}

const SLASHED = /^\/(.+)\/([imsu]*)$/; // as compare.ts reads it

export function expectedRegexDiagnostics(step: Step, lang: Lang): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const e of step.expected) {
    if (e.block) continue;
    const rx = SLASHED.exec((e.raw ?? e.text).replace(/`/g, '').trim());
    const why = rx && patternProblem(rx[1]!, rx[2]!, lang);
    if (!why) continue;
    out.push({
      line: e.line,
      column: 1,
      code: 'expected-regex-refused',
      severity: 'error',
      message: translate(lang, 'diag.expectedRegexRefused', { step: step.title, pattern: rx[1]!, why }),
    });
  }
  return out;
}
