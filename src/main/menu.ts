// The app menu: the platform's standard roles (copy, paste, zoom, quit…) plus Open Runbook.
import type { MenuItemConstructorOptions } from 'electron';

export type MenuCommand = 'open-runbook' | 'zoom-in' | 'zoom-out' | 'zoom-reset';

export function menuTemplate(
  platform: NodeJS.Platform,
  send: (command: MenuCommand) => void,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Runbook…', accelerator: 'CmdOrCtrl+O', click: () => send('open-runbook') },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { label: 'Larger Text', accelerator: 'CmdOrCtrl+Plus', click: () => send('zoom-in') },
      { label: 'Smaller Text', accelerator: 'CmdOrCtrl+-', click: () => send('zoom-out') },
      { label: 'Actual Size', accelerator: 'CmdOrCtrl+0', click: () => send('zoom-reset') },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}
