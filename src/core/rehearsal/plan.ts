// A rehearsal plan (YAML), so the same drill can be repeated: the clock speed, the faults a trainer
// injects, the decisions an unattended drill takes, what it expects at the end. Part of the record.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const Fault = z
  .object({
    /** A step id, or part of a step's title (デプロイ実行). */
    step: z.string().min(1),
    /** Which of the step's commands fails (1-based); all of them when left out. */
    command: z.number().int().min(1).optional(),
    /** What the failing tool prints; or name a troubleshooting entry to print its 症状. */
    symptom: z.string().optional(),
    troubleshooting: z.string().optional(),
    exitCode: z.number().int().min(1).max(255).default(1),
  })
  .strict();

const Decision = z
  .object({
    choice: z.enum(['continue', 'hotfix', 'rollback']),
    reason: z.string().min(1),
    by: z.string().min(1).default('rehearsal'),
  })
  .strict();

export const RehearsalPlan = z
  .object({
    speed: z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(60)]).default(1),
    operator: z.string().min(1).default('rehearsal'),
    faults: z.array(Fault).default([]),
    /** What an unattended drill decides when a check fails (default: roll back). */
    onFailure: Decision.default({
      choice: 'rollback',
      reason: 'Rehearsal: a check failed, rolling back as planned.',
      by: 'rehearsal',
    }),
    /** Fill each step's blanks from its commands' captured output. */
    fillFromOutput: z.boolean().default(true),
    /**
     * A command flagged as getting past the shims: run it, skip it, or fail the drill. Left out: run
     * inside an OS sandbox (which holds it), fail where the rehearsal has the shims only.
     */
    flagged: z.enum(['run', 'skip', 'fail']).optional(),
    /** The most one command may take (seconds) before the drill cuts it short; else from the step's estimate. */
    commandTimeout: z.number().min(1).max(3600).optional(),
    /** How the drill should end; the headless run exits 1 otherwise. */
    expect: z.enum(['success', 'rolled-back']).optional(),
  })
  .strict();
export type RehearsalPlan = z.output<typeof RehearsalPlan>;
export type Fault = z.output<typeof Fault>;

export const DEFAULT_PLAN: RehearsalPlan = RehearsalPlan.parse({});

export function parsePlan(text: string, file = 'plan.yaml'): RehearsalPlan {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (e) {
    throw new Error(
      `${file}: not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}). Fix the line it names.`,
      { cause: e },
    );
  }
  const r = RehearsalPlan.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`${file}: ${i.path.join('.') || '(top)'}: ${i.message}. See docs in README (Rehearsal plans).`);
  }
  return r.data;
}
