// A production-only tool in a rehearsal, in the UI: `sudo -u chat /opt/…/chat` is not on this machine, so
// the shims answer it (never "command not found"), the card says it was simulated, not that it passed, and
// the exported report lists it under "Simulated: not on this machine".
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, STAGING_VARIABLES, startHost, startRelease, stopHost, test } from './fixtures';

const NOWHERE = '/opt/tejun-absent-e2e';

test('a tool that is not on this machine: answered, shown as simulated on the card and in the report', async ({
  page,
}) => {
  expect(existsSync(NOWHERE)).toBe(false);
  const host = await startHost([], { terminalRenderer: 'dom' });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'tejun-absent-e2e-'));
    const file = join(dir, 'chat-downgrade.md');
    writeFileSync(
      file,
      [
        '# Chat downgrade drill',
        '',
        '## Phase 1: Check (10 min)',
        '',
        '### 1.1 [Before] Schema version',
        '',
        '```bash',
        `sudo -u chat ${NOWHERE}/bin/chat db version --all`,
        '```',
        '',
        '```',
        'Current version: 131',
        '```',
        '',
      ].join('\n'),
    );
    await startRelease(page, host, file, 'en', 'Aiko', STAGING_VARIABLES, { rehearsalSpeed: 1 });
    await expect(page.getByTestId('rehearsal-badge')).toHaveText('REHEARSAL');
    const controls = page.getByTestId('step-controls');
    await controls.getByRole('button', { name: 'Start step' }).click();
    await controls.getByRole('button', { name: 'Run', exact: true }).click();
    // Where an OS sandbox holds the shell the flagged path runs at once; with the shims only it asks first.
    const confirm = page.getByRole('alertdialog').getByRole('button', { name: /Run/ });
    const result = controls.getByTestId('run-result');
    await expect(result.or(confirm)).toBeVisible({ timeout: 20_000 });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(result).toContainText('exit 0', { timeout: 20_000 });
    await expect(result).toContainText(`simulated (not on this machine): ${NOWHERE}/bin/chat db version --all`);
    await expect(result).not.toContainText('matches');
    await expect(controls.getByTestId('run-output')).toContainText('Current version: 131');
    await expect(controls.getByTestId('run-output')).not.toContainText('No such file');
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'rehearsal-absent-en');
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
    const report = readFileSync(await d.path(), 'utf8');
    const section = report
      .split('## Simulated: not on this machine (these did not pass a check)')[1]!
      .split('\n## ')[0]!;
    expect(section).toContain('1.1 [Before] Schema version');
    expect(section).toContain(`${NOWHERE}/bin/chat db version --all`);
    expect(report.split('## Checks that failed')[1]!.split('\n## ')[0]).toContain('- none');
  } finally {
    await stopHost(host);
  }
});
