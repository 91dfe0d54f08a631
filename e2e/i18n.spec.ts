// Core's refusals in the operator's language: core sends a catalog key and values, the page words them in the
// language the UI is set to — here Japanese, over an English runbook, so nothing can come from the runbook itself.
import { join } from 'node:path';
import { expect, ROOT, screenshot, startRelease, test } from './fixtures';

const RELEASE_EN = join(ROOT, 'runbooks', 'release-en.md');
const TERMINAL_EN = join(ROOT, 'runbooks', 'terminal-check-en.md');

test('a step started out of order is refused in Japanese once the UI is switched to Japanese', async ({
  page,
  host,
}) => {
  await startRelease(page, host, RELEASE_EN, 'en', 'Aiko');
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByLabel('言語')).toBeVisible();
  await page
    .getByRole('navigation', { name: '目次' })
    .getByRole('button', { name: /API health/ })
    .click();
  await page.getByTestId('step-controls').getByRole('button', { name: 'このステップを開始' }).click();
  const banner = page.locator('.banner-error[data-code="SESSION_REJECTED"]');
  await expect(banner).toContainText(
    '前の手順が終わっていません：「1.1 Announce the start」ほか 3 件。先にそれらを行うか、理由を書いて順序外で開始してください。',
  );
  await expect(banner).not.toContainText('Steps before it');
  await screenshot(page, 'reject-out-of-order-ja');
});

test('Go refused by core for a variable another window emptied is worded in Japanese', async ({ page, host }) => {
  // This window hears no state change while `stale` is set: it still shows Go enabled, as a window whose update is
  // late would, so Go reaches core and core refuses it.
  let stale = false;
  await page.routeWebSocket(/\/api$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (stale && typeof m === 'string' && m.includes('"event":"session:state"')) return;
      ws.send(m);
    });
  });
  await startRelease(page, host, TERMINAL_EN, 'en', 'Aiko', {});
  await page.getByRole('textbox', { name: 'DB_HOST' }).fill('db.staging.internal');
  await page.getByRole('textbox', { name: 'DB_HOST' }).press('Enter');
  await expect(page.getByTestId('missing-variables')).toHaveCount(0);
  await page.getByLabel('Language').selectOption('ja');
  const go = page.getByRole('button', { name: 'Go — リリース開始' });
  await expect(go).toBeEnabled();

  stale = true;
  const other = await page.context().newPage();
  await other.goto(host.url);
  await other.getByRole('textbox', { name: 'DB_HOST' }).fill('');
  await other.getByRole('textbox', { name: 'DB_HOST' }).press('Enter');
  await expect(other.getByTestId('missing-variables')).toBeVisible();
  await other.close();

  await go.click();
  const banner = page.locator('.banner-error[data-code="SESSION_REJECTED"]');
  await expect(banner).toContainText('Go の前に、コマンドが使う変数を入力してください：DB_HOST');
  await expect(banner).not.toContainText('Fill in');
  await screenshot(page, 'reject-go-missing-variable-ja');
});
