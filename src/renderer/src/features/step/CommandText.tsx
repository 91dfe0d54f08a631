// A command exactly as it will run: characters that do not show are drawn as marked escapes (`\u202e`),
// long runs of blank lines become one counted line, and a long command says how many lines are not
// shown yet instead of hiding them below a scroll fold.
import { useState } from 'react';
import { BLANK_RUN, findHiddenChars, splitHidden } from '../../../../shared/hiddenChars';
import { useT } from '../../i18n/useT';

/**
 * Lines shown until the operator asks for the rest. The count of the others sits above the command, where
 * it is read first; below, it could itself be under the fold.
 */
const SHOWN = 12;

type Row = { kind: 'line'; text: string } | { kind: 'gap'; count: number };

function rows(text: string): Row[] {
  const out: Row[] = [];
  let blanks: string[] = [];
  const flush = (): void => {
    if (blanks.length >= BLANK_RUN) out.push({ kind: 'gap', count: blanks.length });
    else for (const b of blanks) out.push({ kind: 'line', text: b });
    blanks = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') blanks.push(line);
    else {
      flush();
      out.push({ kind: 'line', text: line });
    }
  }
  flush();
  return out;
}

function Line({ text }: { text: string }) {
  return (
    <>
      {splitHidden(text).map((p, i) =>
        p.hidden ? (
          <mark key={i} className="hidden-char" data-testid="hidden-char">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

export function CommandText({ text }: { text: string }) {
  const t = useT();
  const [all, setAll] = useState(false);
  const list = rows(text);
  const shown = all ? list : list.slice(0, SHOWN);
  const rest = list.length - shown.length;
  const hidden = findHiddenChars(text).length;
  return (
    <>
      {hidden > 0 && (
        <p className="command-warning" role="note" data-testid="hidden-chars-warning">
          {t('cmd.hiddenChars', { n: hidden })}
        </p>
      )}
      {(rest > 0 || all) && list.length > SHOWN && (
        <button
          type="button"
          className="btn btn-small command-more"
          data-testid="more-lines"
          aria-expanded={all}
          onClick={() => setAll(!all)}
        >
          {all ? t('cmd.fewerLines') : t('cmd.moreLines', { n: rest, total: text.split('\n').length })}
        </button>
      )}
      <pre className="command-text">
        {shown.map((r, i) => (
          <span key={i}>
            {r.kind === 'gap' ? (
              <span className="command-gap" data-testid="blank-lines">
                {t('cmd.blankLines', { n: r.count })}
              </span>
            ) : (
              <Line text={r.text} />
            )}
            {i < shown.length - 1 ? '\n' : ''}
          </span>
        ))}
      </pre>
    </>
  );
}
