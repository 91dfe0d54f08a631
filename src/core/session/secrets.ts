// Secret values never enter the journal (the journal travels in the evidence bundle). A variable
// marked secret, or whose value looks like a credential, is kept in the session folder's
// secrets.json (owner-only, fsynced) and journaled as ‹secret›; command text, output, notes and field
// values are redacted before they are appended.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runbook } from '../../shared/model';
import type { Command, SystemEvent } from '../../shared/session/events';
import { Redactor } from '../evidence/redact';
import { writeDurable } from './journal';

export const SECRET_MARK = '‹secret›';
const FILE = 'secrets.json';

export class SessionSecrets {
  private values: Record<string, string>;

  constructor(
    private readonly dir: string,
    private readonly model: Runbook,
  ) {
    const f = join(dir, FILE);
    this.values = existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, string>) : {};
  }

  get all(): Readonly<Record<string, string>> {
    return this.values;
  }

  private cached: Redactor | null = null;

  /** One redactor until a secret is added (the runbook's patterns compile once, not per chunk of output). */
  redactor(): Redactor {
    this.cached ??= new Redactor({ secrets: Object.values(this.values), patterns: redactPatterns(this.model) });
    return this.cached;
  }

  /** The event as it may be journaled; secret values are stored aside first. */
  async scrub<E extends Command | SystemEvent>(event: E): Promise<E> {
    if (event.type === 'variables-set') {
      const secretNames = new Set(this.model.variables.filter((v) => v.secret).map((v) => v.name));
      const probe = new Redactor();
      const kept: Record<string, string> = {};
      const aside: Record<string, string> = {};
      for (const [k, v] of Object.entries(event.values)) {
        if (v === SECRET_MARK) continue;
        if (secretNames.has(k) || probe.redact(v) !== v) aside[k] = v;
        else kept[k] = v;
      }
      if (Object.keys(aside).length) {
        this.values = { ...this.values, ...aside };
        this.cached = null;
        await writeDurable(join(this.dir, FILE), JSON.stringify(this.values), 0o600);
        for (const k of Object.keys(aside)) kept[k] = SECRET_MARK;
      }
      return { ...event, values: kept };
    }
    const r = this.redactor();
    switch (event.type) {
      case 'command-run':
        return { ...event, text: r.redact(event.text), output: r.redact(event.output) };
      case 'shell-command':
        return { ...event, commandLine: r.redact(event.commandLine), output: r.redact(event.output) };
      case 'field-set':
        return { ...event, value: r.redact(event.value) };
      case 'note':
        return { ...event, text: r.redact(event.text) };
      case 'shim-call':
        return { ...event, args: event.args.map((a) => r.redact(a)) };
      default:
        return event;
    }
  }
}

/** Extra redaction patterns the runbook declares in its front matter (`redact: [regex, …]`). */
export function redactPatterns(model: Runbook): string[] {
  const raw = model.metadata.fields['redact'];
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [String(v)];
  } catch {
    return [raw];
  }
}
