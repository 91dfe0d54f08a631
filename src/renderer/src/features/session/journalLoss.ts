// What the red "not recorded" banner says: which events a failed journal append lost, grouped and in the UI's
// language, from when, and what the operator does now.
import type { JournalLoss } from '../../../../shared/contract';
import type { MessageKey } from '../../../../shared/i18n';

type T = (k: MessageKey, v?: Record<string, string | number>) => string;

const KNOWN = new Set(['command-run', 'shell-command', 'shim-call', 'timer-fired']);

function label(event: string, t: T): string {
  return KNOWN.has(event) ? t(`lost.event.${event}` as MessageKey) : t('lost.event.other', { type: event });
}

/** The banner's lines: title, what was lost (grouped, ×n), since when, what to do, the system's reason. */
export function lossText(lost: JournalLoss[], t: T, locale: string): string[] {
  const counts = new Map<string, number>();
  for (const l of lost) counts.set(label(l.event, t), (counts.get(label(l.event, t)) ?? 0) + 1);
  const comma = locale.startsWith('ja') ? '、' : ', ';
  const list = [...counts].map(([what, n]) => (n > 1 ? `${what} ×${n}` : what)).join(comma);
  const time = new Date(lost[0]!.at).toLocaleTimeString(locale, { hour12: false });
  return [
    t('lost.title', { n: lost.length }),
    t('lost.what', { list }),
    t('lost.since', { time }),
    t('lost.todo'),
    t('lost.reason', { reason: lost[0]!.reason }),
  ];
}
