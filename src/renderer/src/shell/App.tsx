// The page: the header region (header, banners, the session bar), the dialogs, and the workspace or,
// before a runbook is open, the picker. A runbook file dropped anywhere on it opens.
import { useState } from 'react';
import { useApi } from '../api/ApiContext';
import { openFile } from '../actions';
import { useAppStore } from '../store';
import { ErrorBanner } from './ErrorBanner';
import { JournalLossBanner } from '../features/session/JournalLossBanner';
import { AlertBanner } from '../features/session/AlertBanner';
import { Header } from './Header';
import { SessionBar } from '../features/session/SessionBar';
import { RollbackQuestion } from '../features/session/RollbackQuestion';
import { ShortcutSheet } from './ShortcutSheet';
import { RunbookPicker } from '../features/runbook/RunbookPicker';
import { ConfirmRun } from '../features/step/ConfirmRun';
import { TargetRefusal } from '../features/step/TargetRefusal';
import { KeysHint, SkipLink } from './KeyboardHelp';
import { useFollowFocus } from './focus/follow';
import { nextActionKey } from './focus/nextAction';
import { useHostEvents } from './hostEvents';
import { useLeaveGuard, usePageLook } from './pageEffects';
import { Workspace } from './Workspace';
import { ReviewBar } from '../features/review/ReviewBar';

export function App() {
  const api = useApi();
  const doc = useAppStore((s) => s.doc);
  // Mounted only while a Run is refused for its target: nothing of it is in the page otherwise.
  const targetRefusal = useAppStore((s) => s.targetRefusal !== null);
  const [dragging, setDragging] = useState(false);
  useFollowFocus(useAppStore(nextActionKey));
  useHostEvents(api);
  useLeaveGuard();
  usePageLook();

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
        <Workspace />
      ) : (
        <main className="workspace-empty" data-region="step">
          <RunbookPicker />
        </main>
      )}
    </div>
  );
}
