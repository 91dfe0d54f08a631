import { useEffect, useMemo, useRef } from 'react';
import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { renderRunbookHtml } from '../markdown';

/** The runbook as written, rendered safely; headings line up one-to-one with the outline. */
export function DocumentView() {
  const t = useT();
  const doc = useAppStore((s) => s.doc);
  const selected = useAppStore((s) => s.selectedHeading);
  const ref = useRef<HTMLDivElement>(null);
  const html = useMemo(() => (doc ? renderRunbookHtml(doc.text) : ''), [doc]);

  useEffect(() => {
    const root = ref.current;
    if (!root || !doc) return;
    // Both sides come from markdown-it's parse of the same text, so the nth heading is the nth outline item.
    const headings = root.querySelectorAll('h1, h2, h3, h4, h5, h6');
    headings.forEach((h, i) => {
      const item = doc.outline[i];
      if (item) h.setAttribute('data-outline-id', item.id);
    });
  }, [html, doc]);

  useEffect(() => {
    if (!selected) return;
    ref.current?.querySelector(`[data-outline-id="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'start' });
  }, [selected]);

  if (!doc) return null;
  return (
    <article className="document" aria-label={doc.title}>
      {doc.diagnostics.length > 0 && (
        <aside className="diagnostics" aria-label={t('doc.diagnostics')}>
          <h2 className="pane-title">{t('doc.diagnostics')}</h2>
          <ul>
            {doc.diagnostics.map((d, i) => (
              <li key={i} className={`diag diag-${d.severity}`}>
                <span className="diag-where">{doc.name}:{d.line}</span> {d.message}
              </li>
            ))}
          </ul>
        </aside>
      )}
      <div className="markdown" ref={ref} dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
