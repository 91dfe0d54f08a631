// A rehearsal session's sandbox (shims, inert environment), made when the session is first used in this host.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenSession } from '../session/sessions';
import { DEFAULT_PLAN, parsePlan, type RehearsalPlan } from './plan';
import { isolationEvent, prepareSandbox, type Sandbox } from './sandbox';

export class Sandboxes {
  private readonly made = new Map<string, Sandbox>();

  /** The session's sandbox; null outside a rehearsal. */
  of(session: OpenSession): Sandbox | null {
    if (!session.state.rehearsal) return null;
    let sb = this.made.get(session.id);
    if (!sb) {
      const planFile = join(session.dir, 'rehearsal-plan.yaml');
      const plan = existsSync(planFile)
        ? parsePlan(readFileSync(planFile, 'utf8'), planFile)
        : { ...DEFAULT_PLAN, speed: session.state.speed as RehearsalPlan['speed'] };
      sb = prepareSandbox(session.dir, session.doc.model, plan);
      this.made.set(session.id, sb);
      // What isolates this host's rehearsal shells goes on record (the badge and the report read it).
      if (!session.readOnly && session.state.isolation?.kind !== sb.isolation.kind)
        void session.record(isolationEvent(sb));
    }
    return sb;
  }
}
