// Which of a runbook's variables the operator fills in, and which must be filled before Go: a command
// with an empty placeholder cannot run, so finding out at step 14 at 2 a.m. is too late.
import { allSteps, type Runbook, type Variable } from './model';

/** Date and time placeholders are filled from the session's own clock in messages, not typed in. */
const CLOCK = new Set(['YYYY/MM/DD', 'YYYY-MM-DD', 'YYYYMMDD', 'HH:MM']);

export function operatorVariables(vars: Variable[]): Variable[] {
  return vars.filter((v) => !CLOCK.has(v.name));
}

/** Variables without a default that a step's command uses, or that the front matter declares. */
export function requiredVariables(model: Runbook): Variable[] {
  const commandLines = allSteps(model).flatMap((s) => s.commands.map((c) => [c.line, c.endLine] as const));
  const inCommand = (line: number) => commandLines.some(([a, b]) => line >= a && line <= b);
  return operatorVariables(model.variables).filter(
    (v) => v.default === null && v.source !== 'env' && (v.declared || v.occurrences.some((o) => inCommand(o.line))),
  );
}

/** The required variables still empty with these values. */
export function missingVariables(model: Runbook, values: Record<string, string>): Variable[] {
  return requiredVariables(model).filter((v) => !(values[v.name] ?? '').trim());
}

/** A document-info value with the session's values in it: `v[X.X.X]` shows the session's VERSION. */
export function withValues(raw: string, values: Readonly<Record<string, string>>): string {
  const version = values.VERSION?.trim();
  if (!version) return raw;
  return raw.replace(/(v?)\[?X\.X\.X\]?/g, (_m, v: string) =>
    v && !version.startsWith('v') ? `v${version}` : version,
  );
}
