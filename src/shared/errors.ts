// Typed errors that cross the process boundary: a stable code and a sentence a tired operator can act on.
// An error the operator sees also carries `worded` (a catalog key and values), so the UI says it in its language.
import type { Worded } from './i18n';

export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'UNSUPPORTED',
  'NOT_FOUND',
  'RUNBOOK_UNREADABLE',
  'RUNBOOK_TOO_LARGE',
  'RUNBOOK_BINARY',
  'TERMINAL_NOT_FOUND',
  'TERMINAL_FAILED',
  'SETTINGS_INVALID',
  'SESSION_REJECTED',
  'SESSION_READ_ONLY',
  'UNRESOLVED_PLACEHOLDERS',
  'CONFIRMATION_REQUIRED',
  'COMMAND_HIDDEN_CHARACTERS',
  'TARGET_MISMATCH',
  'PATTERN_REFUSED',
  'KEY_REFUSED',
  'EVIDENCE_FAILED',
  'FORBIDDEN',
  'WAITING_FOR_CHECKER',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Where the problem is, when it has a place: a field of a request, a file and line. */
  field?: string;
  file?: string;
  line?: number;
  /** The catalog key and values that word this error in the reader's language; `message` is its English. */
  worded?: Worded;
}

type Where = Omit<ErrorPayload, 'code' | 'message'>;

export class TejunError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly file?: string;
  readonly line?: number;
  readonly worded?: Worded;

  /** `cause` keeps the error this one explains, stack included, for the log; it never crosses to a client. */
  constructor(code: ErrorCode, message: string, where: Where & { cause?: unknown } = {}) {
    super(message, where.cause !== undefined ? { cause: where.cause } : undefined);
    this.name = 'TejunError';
    this.code = code;
    if (where.field !== undefined) this.field = where.field;
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.worded !== undefined) this.worded = where.worded;
  }

  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message };
    if (this.field !== undefined) p.field = this.field;
    if (this.file !== undefined) p.file = this.file;
    if (this.line !== undefined) p.line = this.line;
    if (this.worded !== undefined) p.worded = this.worded;
    return p;
  }

  static fromPayload(p: ErrorPayload): TejunError {
    return new TejunError(p.code, p.message, p);
  }
}

/** Any thrown value as a payload; unexpected errors keep their message but never their stack. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof TejunError) return err.toPayload();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}
