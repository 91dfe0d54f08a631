// `tejun parse` and `tejun lint`: the runbook model and its diagnostics, for people and for tools.
import { z } from 'zod';
import type { Diagnostic } from '../shared/model';
import { Runbook, allSteps } from '../shared/model';
import { readRunbookFile } from '../core/runbook/load';
import { lintRunbook, toSarif } from '../core/runbook/lint';

type Out = (line: string) => void;

export async function parseCommand(file: string, json: boolean, out: Out): Promise<number> {
  const doc = await readRunbookFile(file);
  const m = doc.model;
  if (json) {
    out(JSON.stringify({ ...m, diagnostics: m.diagnostics }, null, 2));
    return 0;
  }
  out(`${m.title}  (${m.language}, ${m.kind}${doc.encoding !== 'utf-8' ? `, ${doc.encoding}` : ''})`);
  for (const p of m.phases) {
    out(`  ${p.title}${p.budgetMinutes !== null ? `  [${p.budgetMinutes} min]` : ''}  ${p.steps.length} steps`);
    for (const s of p.steps)
      out(
        `    ${s.kind === 'plain' ? '  ' : s.kind.padEnd(6)} ${s.title}  (line ${s.line}; ${s.commands.length} commands, ${s.fields.length} fields)`,
      );
  }
  if (m.rollback?.whole) out(`  rollback: the whole document (line ${m.rollback.line})`);
  else if (m.rollback)
    out(
      `  rollback: ${m.rollback.criteria.length} criteria, limit ${m.rollback.timeLimitMinutes ?? '—'} min, ${m.rollback.phases.flatMap((p) => p.steps).length} steps`,
    );
  out(
    `  ${allSteps(m).length} steps, ${m.variables.length} variables, ${m.troubleshooting.length} troubleshooting entries`,
  );
  blockLines(m).forEach((l) => out(l));
  for (const d of m.diagnostics) out(formatDiagnostic(file, d));
  return 0;
}

/** How tejun read each code block (and each inline command), so a team sees what it will run and what it guessed. */
function blockLines(m: Runbook): string[] {
  const inline = allSteps(m).flatMap((s) => s.commands.filter((c) => c.inline));
  if (!m.blocks.length && !inline.length) return [];
  const rows = [
    ...m.blocks.map((b) => ({
      line: b.line,
      text: `line ${String(b.line).padEnd(5)} ${b.role.padEnd(8)} ${b.confidence.padEnd(8)} ${b.lang ? `[${b.lang}] ` : ''}${b.why}`,
    })),
    ...inline.map((c) => ({
      line: c.line,
      text: `line ${String(c.line).padEnd(5)} ${'command'.padEnd(8)} ${c.confidence.padEnd(8)} ${c.why}: ${c.text}`,
    })),
  ].sort((a, b) => a.line - b.line);
  return ['  code blocks (how tejun reads them):', ...rows.map((r) => `    ${r.text}`)];
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}  ${d.severity.padEnd(7)}  ${d.code}  ${d.message}`;
}

export async function lintCommand(file: string, format: 'text' | 'json' | 'sarif', out: Out): Promise<number> {
  const doc = await readRunbookFile(file);
  const diagnostics = [...doc.model.diagnostics, ...lintRunbook(doc.model)].sort((a, b) => a.line - b.line);
  if (format === 'json') out(JSON.stringify({ file, diagnostics }, null, 2));
  else if (format === 'sarif') out(JSON.stringify(toSarif(file, diagnostics), null, 2));
  else {
    for (const d of diagnostics) out(formatDiagnostic(file, d));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    out(
      diagnostics.length === 0
        ? `${file}: no problems found`
        : `${file}: ${errors} errors, ${diagnostics.length - errors} warnings or notes`,
    );
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** The JSON Schema of `tejun parse --json`, generated from the model's zod schema. */
export function runbookJsonSchema(): object {
  return z.toJSONSchema(Runbook, { io: 'output' });
}
