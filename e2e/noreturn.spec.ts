// The point of no return (issue #16): seed 004 states `ロールバック所要時間: 約10分`; rehearsed at ×60,
// the header shows the latest moment a rollback can start, warns 15 and 5 minutes before it, and the
// rollback question says by when to roll back.
import { join } from 'node:path';
import { expect, SEEDS, screenshot, STAGING_VARIABLES, startRelease, test } from './fixtures';

test('seed 004 at ×60: the point of no return in the header, its warnings, and in the rollback question', async ({
  page,
  host,
}) => {
  test.setTimeout(240_000);
  await startRelease(page, host, join(SEEDS, '004_ced4bf622d9a067f.txt'), 'ja', '山田', STAGING_VARIABLES, {
    rehearsalSpeed: 60,
  });
  const clock = page.getByTestId('no-return');
  await expect(clock).toContainText('引き返せる期限');
  // 120 min limit − 10 min rollback: 15 minutes before it is 95 session minutes in, 95 s at ×60.
  await expect(clock).toHaveClass(/clock-amber/, { timeout: 150_000 });
  await expect(page.locator('.banner', { hasText: '引き返せなくなるまであと15分' })).toBeVisible();
  await screenshot(page, 'no-return-warning-ja');
  // At 5 minutes before it, the rollback question opens by itself and says by when.
  const question = page.getByTestId('rollback-question');
  await expect(question).toBeVisible({ timeout: 60_000 });
  await expect(question.getByTestId('no-return-line')).toContainText(
    /までに切り戻しを始めないと .* までに終わりません（切り戻し所要 約10分）/,
  );
  await expect(clock).toHaveClass(/clock-red/);
  await screenshot(page, 'no-return-question-ja');
});
