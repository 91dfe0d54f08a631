// The step's message templates (Slack posts, reports), filled with what the session knows, one click to copy.
import { useState } from 'react';
import type { Step } from '../../../../shared/model';
import { fillTemplate, templateFacts } from '../../../../shared/session/templates';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function StepTemplates({ step }: { step: Step }) {
  const t = useT();
  const session = useAppStore((s) => s.session);
  const [copied, setCopied] = useState<string | null>(null);
  if (!session || step.templates.length === 0) return null;
  const facts = templateFacts(session.doc.model, session.state, new Date());
  return (
    <div className="step-templates">
      <h3 className="pane-title">{t('step.messages')}</h3>
      {step.templates.map((m) => {
        const text = fillTemplate(m.text, facts);
        return (
          <div key={m.id} className="template">
            <pre data-testid="template-text">{text}</pre>
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                void navigator.clipboard.writeText(text).then(() => {
                  setCopied(m.id);
                  setTimeout(() => setCopied(null), 1500);
                })
              }
            >
              {copied === m.id ? t('cmd.copied') : t('cmd.copy')}
            </button>
          </div>
        );
      })}
    </div>
  );
}
