// A timestamped note, at any time. After sign-off it becomes a new entry, never an edit, and it is
// signed with the writer's key (a passphrase in the browser, the OS keychain in the desktop app).
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { guarded, sendCommand } from '../../actions';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store';

export function NoteBox() {
  const api = useApi();
  const t = useT();
  const session = useAppStore((s) => s.session);
  const by = useAppStore((s) => s.settings.operatorName || s.session?.state.operator || '');
  const [text, setText] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const needsPassphrase = useAppStore((s) => s.info?.keyProtection !== 'os');
  if (!session || session.readOnly) return null;
  const signed = session.state.lifecycle === 'signed-off';
  const last = session.state.notes[session.state.notes.length - 1];
  const submit = async (): Promise<void> => {
    if (!text.trim()) return;
    if (!signed) {
      if (await sendCommand(api, { type: 'note', text: text.trim(), by })) setText('');
      return;
    }
    const state = await guarded(() =>
      api.invoke('evidence:note', { sessionId: session.sessionId, text: text.trim(), name: by, passphrase }),
    );
    setPassphrase('');
    if (state) {
      useAppStore.getState().setSessionState(session.sessionId, state);
      setText('');
    }
  };
  return (
    <form
      className="note-box"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        aria-label={t('note.label')}
        placeholder={signed ? t('note.placeholderSigned') : t('note.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={10_000}
      />
      {signed && needsPassphrase && (
        <input
          type="password"
          autoComplete="off"
          aria-label={t('evidence.passphrase')}
          placeholder={t('evidence.passphrase')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          maxLength={1024}
        />
      )}
      <button
        type="submit"
        className="btn btn-small"
        disabled={!text.trim() || (signed && needsPassphrase && passphrase.length < 8)}
      >
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
