// People by role (issue #16): seed 000's five [氏名] are five people; filled once in the contacts table,
// they show with tel: links in the rollback question; the header shows the session's version.
import { join } from 'node:path';
import { expect, ROOT, SEEDS, screenshot, startRelease, test } from './fixtures';

test('seed 000: the contacts table, then the rollback question with real names and numbers (Japanese)', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await startRelease(page, host, join(SEEDS, '000_8597f5dc98a4b98d.txt'), 'ja', '山田');
  await expect(page.getByTestId('runbook-version')).toHaveText('v2.4.0');
  await page.getByRole('button', { name: /変数/ }).click();
  const table = page.getByTestId('contacts-table');
  await expect(table.getByRole('rowheader')).toHaveText([
    '作業者',
    '承認者',
    'リリース責任者',
    'エスカレーション先',
    'インフラ担当',
  ]);
  const people: [string, string, string][] = [
    ['リリース責任者', '佐藤 花子', '090-1111-2222'],
    ['エスカレーション先', '田中 一郎', '090-3333-4444'],
  ];
  for (const [role, name, phone] of people) {
    await table.getByRole('textbox', { name: `${role} 氏名` }).fill(name);
    await table.getByRole('textbox', { name: `${role} 氏名` }).press('Enter');
    await table.getByRole('textbox', { name: `${role} 電話番号` }).fill(phone);
    await table.getByRole('textbox', { name: `${role} 電話番号` }).press('Tab');
  }
  // Kept as typed: nothing to save, and the other roles stay empty (no merging).
  await expect(page.getByRole('button', { name: /変数 \(\d+\/\d+\)/ })).toBeVisible();
  await expect(table.getByRole('textbox', { name: 'インフラ担当 氏名' })).toHaveValue('');
  await screenshot(page, 'contacts-table-ja');
  await page.getByRole('button', { name: 'インシデント' }).click();
  const question = page.getByTestId('rollback-question');
  await expect(question.getByTestId('contacts')).toContainText('佐藤 花子');
  await expect(question.getByRole('link', { name: '090-1111-2222' })).toHaveAttribute('href', 'tel:09011112222');
  await expect(question.getByRole('link', { name: '090-3333-4444' })).toHaveAttribute('href', 'tel:09033334444');
  await screenshot(page, 'rollback-question-contacts-ja');
});

test('release-en.md: the contacts table and the rollback question’s numbers as tel: links (English)', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await startRelease(page, host, join(ROOT, 'runbooks', 'release-en.md'), 'en', 'Aiko');
  await page.getByRole('button', { name: /Variables/ }).click();
  const table = page.getByTestId('contacts-table');
  await expect(table.getByRole('rowheader')).toHaveText(['Operator', 'Approver']);
  await table.getByRole('textbox', { name: 'Approver Name' }).fill('Morgan Lee');
  await table.getByRole('textbox', { name: 'Approver Name' }).press('Enter');
  await screenshot(page, 'contacts-table-en');
  await page.getByRole('button', { name: 'Incident' }).click();
  const question = page.getByTestId('rollback-question');
  await expect(question.getByRole('link', { name: '+1 555 0100 1234' })).toHaveAttribute('href', 'tel:+155501001234');
  await expect(question).toContainText('Dana Reyes');
  await screenshot(page, 'rollback-question-contacts-en');
});
