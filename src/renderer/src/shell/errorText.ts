// An error in the operator's language: core sends a catalog key and values with it; the English message otherwise.
import type { ErrorPayload } from '../../../shared/errors';
import { checkWorded, type MessageKey, type Values } from '../../../shared/i18n';

export function errorText(e: ErrorPayload, t: (key: MessageKey, vars?: Values) => string): string {
  const worded = checkWorded(e.worded);
  return worded ? t(worded.code, worded.values) : e.message;
}
