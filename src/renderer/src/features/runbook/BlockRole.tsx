// What tejun guessed about a fenced block, said on the card, and the one-action correction of its role.
// The parser's `why` is English for `tejun parse`; the card words it from the role in the operator's language.
import { useId } from 'react';
import { BlockRole as Roles, type BlockRole, type CodeBlock } from '../../../../shared/model';
import type { MessageKey } from '../../../../shared/i18n';
import { useApi } from '../../api/ApiContext';
import { correctBlockRole } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export type Guess = 'command' | 'inline' | 'output';

/** A small mark on what was inferred; a block the operator set says so instead. */
export function InferredMark({ guess, corrected }: { guess: Guess; corrected?: boolean }) {
  const t = useT();
  if (corrected) {
    return (
      <span className="block-mark block-corrected" data-testid="block-corrected">
        ✎ {t('block.corrected')}
      </span>
    );
  }
  return (
    <span className="block-mark block-inferred" data-testid="block-inferred">
      ? {t(`block.inferred.${guess}` as MessageKey)}
    </span>
  );
}

/** "This block is: …" — a native select, so it is reached with Tab and changed with the arrow keys. */
export function RoleSelect({ block }: { block: CodeBlock }) {
  const api = useApi();
  const t = useT();
  const id = useId();
  const busy = useAppStore((s) => s.busy);
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  return (
    <span className="block-role" data-block-id={block.id}>
      <label htmlFor={id} className="muted">
        {t('block.is')}
      </label>{' '}
      <select
        id={id}
        value={block.role}
        disabled={busy || readOnly}
        onChange={(e) => void correctBlockRole(api, block.id, e.target.value as BlockRole)}
      >
        {Roles.options.map((r) => (
          <option key={r} value={r}>
            {t(`block.role.${r}` as MessageKey)}
          </option>
        ))}
      </select>
    </span>
  );
}

export const setByOperator = (s: { roles: Record<string, BlockRole> }, b: CodeBlock | undefined): boolean =>
  !!b && b.id in s.roles;
