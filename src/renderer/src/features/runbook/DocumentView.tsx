import { useEffect, useMemo, useRef } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { renderRunbookHtml } from './markdown';
import { renderDiagrams } from './mermaid';

/** The runbook as written, rendered safely; each heading carries its source line for the navigator. */
export function DocumentView() {
  const t = useT();
  const doc = useAppStore((s) => s.doc);
  const selected = useAppStore((s) => s.selected);
  const ref = useRef<HTMLDivElement>(null);
  const html = useMemo(() => (doc ? renderRunbookHtml(doc.text) : ''), [doc]);
  const theme = useAppStore((s) => s.settings.theme);
  const failed = t('doc.diagramFailed');

  useEffect(() => {
    if (ref.current) void renderDiagrams(ref.current, theme === 'light' ? 'default' : 'dark', failed).catch(() => {});
  }, [html, theme, failed]);

  useEffect(() => {
    if (!selected) return;
    const root = ref.current;
    const target = root?.querySelector(`[data-source-line="${selected.line}"]`);
    root?.querySelectorAll('.is-selected').forEach((el) => el.classList.remove('is-selected'));
    if (target) {
      target.classList.add('is-selected');
      target.scrollIntoView({ block: 'start' });
    }
  }, [selected, html]);

  if (!doc) return null;
  return (
    // Focusable, so the runbook text can be scrolled from the keyboard.
    <article className="document" aria-label={doc.title} tabIndex={0}>
      {doc.diagnostics.length > 0 && (
        <details className="diagnostics" open={doc.diagnostics.some((d) => d.severity === 'error')}>
          <summary className="pane-title">
            {t('doc.diagnostics')} ({doc.diagnostics.length})
          </summary>
          <ul>
            {doc.diagnostics.map((d, i) => (
              <li key={i} className={`diag diag-${d.severity}`}>
                <span className="diag-where">
                  {doc.name}:{d.line}
                </span>{' '}
                {d.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="markdown" ref={ref} dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
