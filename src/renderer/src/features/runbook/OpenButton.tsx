import { useRef } from 'react';
import { useApi } from '../../api/ApiContext';
import { openFile, pickFile } from '../../actions';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';

/** The native dialog where the host has one (desktop), the browser's file input otherwise. */
export function OpenButton({ small = false }: { small?: boolean }) {
  const api = useApi();
  const t = useT();
  const canPick = useAppStore((s) => s.info?.canPickFile ?? false);
  const opening = useAppStore((s) => s.opening);
  const input = useRef<HTMLInputElement>(null);
  const cls = small ? 'btn btn-small' : 'btn btn-primary btn-large';
  return (
    <>
      <button
        type="button"
        className={cls}
        disabled={opening}
        onClick={() => (canPick ? void pickFile(api) : input.current?.click())}
      >
        {opening ? t('picker.opening') : small ? t('header.open') : t('picker.choose')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".md,.markdown,.txt,text/markdown,text/plain"
        hidden
        data-testid="runbook-file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void openFile(api, f);
        }}
      />
    </>
  );
}
