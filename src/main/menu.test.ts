import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuCommand } from './menu';

describe('menuTemplate', () => {
  it('has the standard edit and window roles and an Open shortcut on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const sent: MenuCommand[] = [];
      const menu = menuTemplate(platform, (c) => sent.push(c));
      expect(menu.map((m) => m.role ?? m.label)).toEqual(
        expect.arrayContaining(['File', 'editMenu', 'View', 'windowMenu']),
      );
      const file = menu.find((m) => m.label === 'File')!.submenu as {
        label?: string;
        accelerator?: string;
        click?: () => void;
      }[];
      const open = file.find((i) => i.label === 'Open Runbook…')!;
      expect(open.accelerator).toBe('CmdOrCtrl+O');
      open.click!();
      expect(sent).toEqual(['open-runbook']);
    }
  });
  it('puts the app menu first on macOS only', () => {
    expect(menuTemplate('darwin', () => {})[0]!.role).toBe('appMenu');
    expect(menuTemplate('linux', () => {})[0]!.label).toBe('File');
  });
});
