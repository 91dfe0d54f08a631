// The terminal's header says where it points: the last value each probe answered in it, red when it was not
// the target the step named. Nothing shows before the first probe (tejun never runs a probe on its own).
import type { TargetKind } from '../../../../shared/model';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function TerminalTarget({ terminalId }: { terminalId: string | null }) {
  const t = useT();
  const probes = useAppStore((s) => (terminalId ? s.session?.state.targets[terminalId] : undefined));
  if (!probes) return null;
  const shown = Object.entries(probes) as [TargetKind, NonNullable<(typeof probes)[TargetKind]>][];
  if (!shown.length) return null;
  return (
    <span
      className="terminal-target"
      data-testid="terminal-target"
      title={t('target.header')}
      aria-label={t('target.header')}
    >
      {shown.map(([kind, p]) => (
        <span key={kind} className={p.ok ? 'target-chip ok' : 'target-chip wrong'} data-kind={kind}>
          {kind}: {p.actual || t('target.none')} {p.ok ? '✓' : '✗'}
        </span>
      ))}
    </span>
  );
}
