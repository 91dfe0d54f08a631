// A journal append that really fails, seen by the operator: the web host runs inside this test's process, so
// the journal's descriptor can be pointed at /dev/full (every write fails with ENOSPC, as on a full disk).
// Then a command typed in the terminal cannot be recorded, and the page says so in red.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, ROOT, screenshot, startRelease, test, type Host } from './fixtures';
import { fillTheDisk } from '../src/core/session/fullDisk.testkit';

interface InProcessHost {
  url: string;
  close(): Promise<void>;
}

async function hostInThisProcess(dataDir: string): Promise<InProcessHost> {
  const lib = (await import(new URL('../out/cli/server.mjs', import.meta.url).href)) as {
    startWebHost(o: { core: unknown; staticDir: string; port: number }): Promise<InProcessHost>;
    createCoreHost(o: Record<string, unknown>): unknown;
    FileSettingsStore: { inDataDir(d: string): unknown };
    createLog(d: string): unknown;
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ terminalRenderer: 'dom' }));
  const settings = lib.FileSettingsStore.inDataDir(dataDir);
  const core = lib.createCoreHost({ version: 'e2e', transport: 'web', dataDir, settings, log: lib.createLog(dataDir) });
  return lib.startWebHost({ core, staticDir: join(ROOT, 'out/renderer'), port: 0 });
}

for (const lang of ['en', 'ja'] as const) {
  test(`a failed journal append is shown in red and logged (${lang})`, async ({ page }) => {
    test.skip(!existsSync('/dev/full') || !existsSync('/proc/self/fd'), 'needs Linux /dev/full and /proc');
    const saved = { HOME: process.env.HOME, SHELL: process.env.SHELL };
    process.env.HOME = mkdtempSync(join(tmpdir(), 'tejun-e2e-home-'));
    process.env.SHELL = '/bin/bash';
    const dataDir = mkdtempSync(join(tmpdir(), 'tejun-e2e-loss-'));
    const web = await hostInThisProcess(dataDir);
    try {
      const file = join(ROOT, 'runbooks', lang === 'en' ? 'terminal-check-en.md' : 'release-ja.md');
      await startRelease(page, { url: web.url } as Host, file, lang, lang === 'en' ? 'Aiko' : '山田');
      const status = page.getByTestId('terminal-status');
      await expect(status).toContainText(lang === 'en' ? 'shell integration: active' : /active|有効/);
      const [session] = readdirSync(join(dataDir, 'sessions'));
      fillTheDisk(join(dataDir, 'sessions', session!, 'journal.jsonl'));

      await page.getByTestId('terminal').locator('.xterm-helper-textarea').focus();
      await page.keyboard.type('echo not-recorded');
      await page.keyboard.press('Enter');
      const banner = page.getByTestId('journal-loss');
      await expect(banner).toBeVisible();
      const what = lang === 'en' ? 'a command typed in the terminal' : 'ターミナルで入力したコマンド';
      await expect(banner).toContainText(what);
      await expect(banner).toContainText('ENOSPC');
      await expect(status).toContainText(lang === 'en' ? 'NOTHING is recorded' : '何も記録されていません');
      await screenshot(page, `journal-loss-${lang}`);

      const logged = readFileSync(join(dataDir, 'logs', 'tejun.log'), 'utf8');
      expect(logged).toMatch(/"event":"shell-command".*"msg":"journal append failed/);
    } finally {
      await web.close();
      Object.assign(process.env, saved);
    }
  });
}
