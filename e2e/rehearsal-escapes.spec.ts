// The escapes runbook rehearsed in the UI, with a real listener on 127.0.0.1 (in this test process,
// outside any sandbox) standing in for production and a marker file outside the rehearsal folder.
// Inside bubblewrap: every step runs, the listener hears nothing, the marker is unchanged, the badge
// counts what was blocked and the report lists each attempt against its step. With the sandbox forced
// off: the badge says "shims only", a flagged command asks first, and the report claims no isolation.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, startHost, startRelease, stopHost, test } from './fixtures';

const SOURCE = resolve(import.meta.dirname, '../runbooks/rehearsal-escapes-en.md');
let server: Server;
let port = 0;
const heard: string[] = [];
let markerDir = '';
let runbook = '';

test.beforeAll(async () => {
  server = createServer((s) => (heard.push(String(s.remotePort)), s.destroy()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  markerDir = mkdtempSync('/var/tmp/tejun-escapes-');
  writeFileSync(join(markerDir, 'marker.txt'), 'original\n');
  runbook = join(mkdtempSync(join(tmpdir(), 'tejun-escapes-e2e-')), 'escapes.md');
  writeFileSync(
    runbook,
    readFileSync(SOURCE, 'utf8').replaceAll('47015', String(port)).replaceAll('/var/tmp/tejun-escapes', markerDir),
  );
});

test.afterAll(() => {
  server.close();
  rmSync(markerDir, { recursive: true, force: true });
});

async function exportReport(page: Page): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  return readFileSync(await d.path(), 'utf8');
}

test('inside the sandbox: every escape runs, nothing reaches the listener or the marker, the report lists each', async ({
  page,
  host,
}) => {
  test.skip(process.platform !== 'linux', 'bubblewrap is Linux only');
  test.setTimeout(240_000);
  await startRelease(page, host, runbook, 'en', 'Aiko', {}, { rehearsalSpeed: 1 });
  const isolation = page.getByTestId('rehearsal-isolation');
  await expect(isolation).toHaveText('isolated: bubblewrap');
  const controls = page.getByTestId('step-controls');
  for (let i = 0; i < 26; i++) {
    await controls.getByRole('button', { name: 'Start step' }).click();
    await controls.getByRole('button', { name: 'Run', exact: true }).click();
    // No second look: the OS sandbox holds whatever gets past the shims.
    await expect(controls.getByTestId('run-result')).toBeVisible({ timeout: 20_000 });
    await expect(controls.getByTestId('run-result')).not.toContainText('does not match');
    await controls.getByRole('button', { name: 'Done', exact: true }).click();
  }
  await expect(isolation).toContainText(/isolated: bubblewrap · \d+ blocked/);
  await screenshot(page, 'rehearsal-escapes-sandboxed-en');
  expect(heard).toEqual([]);
  expect(readFileSync(join(markerDir, 'marker.txt'), 'utf8')).toBe('original\n');
  const report = await exportReport(page);
  expect(report).toContain(
    '**Isolation**: bubblewrap: no network (loopback only), file system read-only · blocked attempts observed with strace',
  );
  const section = report.split('## Blocked by the sandbox (would have reached production)')[1]!.split('\n## ')[0]!;
  for (const step of [
    '1.1 Raw socket through /dev/tcp',
    '1.2 A command held in a variable',
    '1.8 awk',
    '1.13 python3',
    '1.26 export PATH',
  ]) {
    expect(section).toMatch(
      new RegExp(
        `\\*\\*${step.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^*]*\\*\\*: \\d+\\n  - connect \`127\\.0\\.0\\.1:(${port}|9)\``,
      ),
    );
  }
  for (const step of [
    '1.17 Write to a quoted absolute path',
    '1.20 tee',
    '1.21 sed -i',
    '1.22 cd, then a relative path',
    '1.23 sort -o',
  ]) {
    expect(section).toMatch(
      new RegExp(
        `\\*\\*${step.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\*\\*: \\d+\\n(  - .*\\n)*  - write \`${markerDir}`,
      ),
    );
  }
});

test('with the sandbox forced off: "shims only" on the badge, a flagged command asks, the report claims nothing', async ({
  page,
}) => {
  const host = await startHost([], { terminalRenderer: 'dom' }, 'serve', { TEJUN_REHEARSAL_SANDBOX: 'off' });
  try {
    await startRelease(page, host, runbook, 'en', 'Aiko', {}, { rehearsalSpeed: 1 });
    await expect(page.getByTestId('rehearsal-isolation')).toHaveText(
      'isolation: shims only — commands can reach the network',
    );
    const controls = page.getByTestId('step-controls');
    await controls.getByRole('button', { name: 'Start step' }).click();
    await controls.getByRole('button', { name: 'Run', exact: true }).click();
    // The confirmation is a dialog of its own, the command in full and the focus on its button.
    const confirm = page.getByTestId('confirm-run');
    await expect(confirm).toContainText('gets past the shims (/dev/tcp/127.0.0.1/');
    await screenshot(page, 'rehearsal-escapes-shims-only-en');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(heard).toEqual([]);
    const report = await exportReport(page);
    expect(report).toContain('**Isolation**: shims only — commands can reach the network');
    expect(report).toContain('- no sandbox: nothing was blocked — commands could reach production');
    // The same warning in Japanese.
    await page.getByLabel('Language').selectOption('ja');
    await expect(page.getByTestId('rehearsal-isolation')).toHaveText(
      '隔離: シムのみ — コマンドはネットワークに届きます',
    );
    await screenshot(page, 'rehearsal-escapes-shims-only-ja');
    await page.getByLabel('言語').selectOption('auto');
  } finally {
    await stopHost(host);
  }
});
