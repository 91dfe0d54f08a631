// A timestamped note, at any time (also after sign-off: it becomes a new entry, never an edit).
import { useState } from 'react';
import { useApi } from '../api/ApiContext';
import { sendCommand } from '../actions';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store';

export function NoteBox() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const by = useAppStore((s) => s.settings.operatorName || s.session?.state.operator || '');
  const [text, setText] = useState('');
  if (!session || session.readOnly) return null;
  const last = session.state.notes[session.state.notes.length - 1];
  return (
    <form
      className="note-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) void sendCommand(api, { type: 'note', text: text.trim(), by }).then((ok) => ok && setText(''));
      }}
    >
      <input aria-label={t('note.label')} placeholder={t('note.placeholder')} value={text} onChange={(e) => setText(e.target.value)} maxLength={10_000} />
      <button type="submit" className="btn btn-small" disabled={!text.trim()}>
        {t('note.add')}
      </button>
      {last && (
        <span className="muted note-last" title={last.text}>
          {new Date(last.at).toLocaleTimeString()} {last.text}
        </span>
      )}
    </form>
  );
}
