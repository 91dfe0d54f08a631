import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { boot, openFile, pickFile, refreshSessionDoc, updateSettings } from '../actions';
import { useAppStore } from '../store';
import { useLanguage, useT } from '../i18n/useT';
import { DocumentView } from '../features/runbook/DocumentView';
import { ErrorBanner } from './ErrorBanner';
import { JournalLossBanner } from '../features/session/JournalLossBanner';
import { AlertBanner } from '../features/session/AlertBanner';
import { Header } from './Header';
import { SessionBar } from '../features/session/SessionBar';
import { VariablesPanel } from '../features/runbook/VariablesPanel';
import { RollbackQuestion } from '../features/session/RollbackQuestion';
import { ShortcutSheet } from './ShortcutSheet';
import { Preflight } from '../features/session/Preflight';
import { handleShortcut } from './shortcuts';
import { StepControls } from '../features/step/StepControls';
import { Outline } from '../features/runbook/Outline';
import { RunbookPicker } from '../features/runbook/RunbookPicker';
import { TerminalPane } from '../features/terminal/TerminalPane';
import { Splitter } from './Splitter';
import { ConfirmRun } from '../features/step/ConfirmRun';
import { TargetRefusal } from '../features/step/TargetRefusal';
import { KeysHint, SkipLink } from './KeyboardHelp';
import { useFollowFocus } from './focus/follow';
import { nextActionKey } from './focus/nextAction';
import { ReviewBar } from '../features/review/ReviewBar';

export function App() {
  const api = useApi();
  const doc = useAppStore((s) => s.doc);
  // Mounted only while a Run is refused for its target: nothing of it is in the page otherwise.
  const targetRefusal = useAppStore((s) => s.targetRefusal !== null);
  const theme = useAppStore((s) => s.settings.theme);
  const fontSize = useAppStore((s) => s.settings.fontSize);
  const lang = useLanguage();
  const t = useT();
  const [dragging, setDragging] = useState(false);
  const placement = useAppStore((s) => s.settings.terminalPlacement);
  const savedSize = useAppStore((s) => s.settings.terminalSize);
  const savedOutline = useAppStore((s) => s.settings.outlineWidth);
  // While dragging, the size lives here; it is saved once, when the drag ends.
  const [size, setSize] = useState<number | null>(null);
  const [outline, setOutline] = useState<number | null>(null);
  const termSize = size ?? savedSize;
  useFollowFocus(useAppStore(nextActionKey));
  const outlineWidth = outline ?? savedOutline;

  useEffect(() => {
    void boot(api);
    const offConn = api.onConnection((c) => useAppStore.getState().setConnection(c));
    // Capture phase: the shortcuts are taken before the terminal turns Alt+key into input for the shell.
    const onKey = (e: KeyboardEvent): void => {
      if (handleShortcut(api, e)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    const offState = api.on('session:state', ({ sessionId, state, lost }) => {
      // A role corrected (here or in another window) changes how the runbook reads: fetch that reading.
      const before = useAppStore.getState().session;
      const reread =
        before?.sessionId === sessionId && JSON.stringify(before.state.roles) !== JSON.stringify(state.roles);
      useAppStore.getState().setSessionState(sessionId, state, lost);
      if (reread) void refreshSessionDoc(api, sessionId);
    });
    const offCmd = api.on('app:command', ({ command }) => {
      const size = useAppStore.getState().settings.fontSize;
      if (command === 'open-runbook') void pickFile(api);
      if (command === 'zoom-in') void updateSettings(api, { fontSize: Math.min(32, size + 1) });
      if (command === 'zoom-out') void updateSettings(api, { fontSize: Math.max(12, size - 1) });
      if (command === 'zoom-reset') void updateSettings(api, { fontSize: 14 });
    });
    return () => {
      offConn();
      offCmd();
      offState();
      window.removeEventListener('keydown', onKey, true);
    };
  }, [api]);

  // Closing the tab ends the terminals: while a release is under way, the browser asks first.
  const live = useAppStore((s) =>
    ['preflight', 'running', 'monitoring', 'rollback'].includes(s.session?.state.lifecycle ?? ''),
  );
  useEffect(() => {
    if (!live) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [live]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.setProperty('--font-size', `${fontSize}px`);
  }, [lang, theme, fontSize]);

  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) void openFile(api, f);
      }}
    >
      <SkipLink />
      <div className="region-header" data-region="header">
        <Header />
        <ErrorBanner />
        <JournalLossBanner />
        <AlertBanner />
        <KeysHint />
        {doc && <SessionBar />}
        {doc && <ReviewBar />}
      </div>
      <RollbackQuestion />
      <ConfirmRun />
      {targetRefusal && <TargetRefusal />}
      <ShortcutSheet />
      {doc ? (
        <main className="workspace" style={{ gridTemplateColumns: `${outlineWidth}px 6px minmax(0, 1fr)` }}>
          <Outline />
          <Splitter
            orientation="vertical"
            value={outlineWidth}
            min={180}
            max={600}
            step={20}
            label={t('layout.outlineSplitter')}
            fromPointer={(e) => e.clientX}
            onChange={setOutline}
            onCommit={(v) => void updateSettings(api, { outlineWidth: v }).then(() => setOutline(null))}
          />
          <div
            className={`right right-${placement}`}
            style={
              placement === 'below'
                ? { gridTemplateRows: `minmax(0, 1fr) 6px ${termSize}%` }
                : { gridTemplateColumns: `minmax(0, 1fr) 6px ${termSize}%` }
            }
          >
            <div className="doc-column" data-region="step">
              <VariablesPanel />
              <Preflight />
              <StepControls />
              <DocumentView />
            </div>
            <Splitter
              orientation={placement === 'below' ? 'horizontal' : 'vertical'}
              value={termSize}
              min={15}
              max={80}
              label={t('layout.terminalSplitter')}
              paneAfter
              fromPointer={(e) => {
                const r = (e.target as HTMLElement).parentElement!.getBoundingClientRect();
                return placement === 'below'
                  ? ((r.bottom - e.clientY) / r.height) * 100
                  : ((r.right - e.clientX) / r.width) * 100;
              }}
              onChange={setSize}
              onCommit={(v) => void updateSettings(api, { terminalSize: v }).then(() => setSize(null))}
            />
            <TerminalPane />
          </div>
        </main>
      ) : (
        <main className="workspace-empty" data-region="step">
          <RunbookPicker />
        </main>
      )}
    </div>
  );
}
