// Accessibility of the main screens (axe): no serious or critical violations, in both languages.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, ROOT, SEEDS, STAGING_VARIABLES, startRelease, test } from './fixtures';

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).exclude('.xterm').analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')})`,
    );
}

test('the picker, the running session and the rollback question have no serious violations (Japanese)', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /手順書を開く|Open a runbook/ })).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await startRelease(page, host, join(SEEDS, '000_8597f5dc98a4b98d.txt'), 'ja', '山田');
  await expect(page.getByTestId('step-controls')).toBeVisible();
  expect(await serious(page)).toEqual([]);
  await page.getByRole('button', { name: 'インシデント' }).click();
  await expect(page.getByTestId('rollback-question')).toBeVisible();
  expect(await serious(page)).toEqual([]);
});

test('the running session in English, light and high-contrast themes', async ({ page, host }) => {
  await startRelease(page, host, join(ROOT, 'runbooks', 'terminal-check-en.md'), 'en', 'Aiko');
  await expect(page.getByTestId('step-controls')).toBeVisible();
  for (const theme of ['Light', 'High contrast', 'Night']) {
    await page.getByLabel('Theme').selectOption({ label: theme });
    expect([theme, await serious(page)]).toEqual([theme, []]);
  }
});

test('a rehearsal with the trainer panel open, and a completed session awaiting sign-off', async ({ page, host }) => {
  await startRelease(page, host, join(ROOT, 'runbooks', 'release-en.md'), 'en', 'Aiko', STAGING_VARIABLES, {
    rehearsalSpeed: 1,
  });
  await page.getByTestId('trainer').locator('summary').click();
  await expect(page.getByTestId('trainer').getByLabel('Symptom')).toBeVisible();
  expect(await serious(page)).toEqual([]);
  // Straight to the rollback and completion: the evidence panel with its sign-off form.
  await page.getByRole('button', { name: 'Declare rollback' }).click();
  await page.getByLabel('Reason').fill('drill');
  await page.getByRole('button', { name: 'Record' }).first().click();
  await page.getByRole('button', { name: 'Complete the session' }).click();
  await expect(page.getByTestId('sign-operator')).toBeVisible();
  expect(await serious(page)).toEqual([]);
});
