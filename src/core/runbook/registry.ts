// Runbooks opened lately in this host, by SHA-256, so a session starts on exactly the bytes the operator saw.
import type { RunbookDoc } from '../../shared/runbook';

const OPENED_LIMIT = 8;

export class RunbookRegistry {
  private readonly opened = new Map<string, { bytes: Uint8Array; name: string }>();

  /** Keeps the bytes behind `doc` (the newest first out of the limit's reach). */
  remember(doc: RunbookDoc, bytes: Uint8Array): RunbookDoc {
    this.opened.delete(doc.sha256);
    this.opened.set(doc.sha256, { bytes, name: doc.name });
    while (this.opened.size > OPENED_LIMIT) this.opened.delete(this.opened.keys().next().value!);
    return doc;
  }

  get(sha256: string): { bytes: Uint8Array; name: string } | undefined {
    return this.opened.get(sha256);
  }
}
