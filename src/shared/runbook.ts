// The runbook as the renderer sees it. The full model (phases, steps, fields) grows here; the parser lives in core.
import { z } from 'zod';
import { Diagnostic, Runbook } from './model';

export const MAX_RUNBOOK_BYTES = 8 * 1024 * 1024;

export const OutlineItem = z.object({
  id: z.string(),
  level: z.number().int().min(1).max(6),
  text: z.string(),
  line: z.number().int().min(1),
});
export type OutlineItem = z.output<typeof OutlineItem>;

export { Diagnostic } from './model';

export const RunbookDoc = z.object({
  /** Absolute path when opened from disk; absent when the browser handed us the text. */
  path: z.string().optional(),
  name: z.string(),
  title: z.string(),
  language: z.enum(['ja', 'en']),
  /** Whether the bytes were decoded from something other than UTF-8, e.g. 'shift_jis'. */
  encoding: z.string(),
  sha256: z.string(),
  text: z.string(),
  outline: z.array(OutlineItem),
  /** What tejun understood of it: phases, steps, rollback… */
  model: Runbook,
  /** Problems with the file itself and with its structure, worst first. */
  diagnostics: z.array(Diagnostic),
});
export type RunbookDoc = z.output<typeof RunbookDoc>;
