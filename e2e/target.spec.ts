// The right command on the right target: a step names `kube-context: prod-tokyo`; the shell's kubectl says
// `staging`, so Run is refused naming both; after the switch Run goes through; an override with a reason is
// journaled and shown in the filled-in procedure. The kubectl here is a tiny script on PATH that prints the
// context from a file: a fixture standing in for the real tool, which a test machine has no cluster for.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, screenshot, startHost, startRelease, stopHost, test, type Host } from './fixtures';

interface FakeKube {
  home: string;
  switchTo(context: string): void;
  env: Record<string, string>;
}

function fakeKubectl(): FakeKube {
  const home = mkdtempSync(join(tmpdir(), 'tejun-e2e-home-'));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  const file = join(home, 'kube-context');
  writeFileSync(file, 'staging\n');
  const script = [
    '#!/bin/sh',
    '# Stands in for kubectl in this test: the current context is whatever the file says.',
    `if [ "$1 $2" = "config current-context" ]; then cat '${file}'; else echo "pods on $(cat '${file}'): api-7f9c Running"; fi`,
    '',
  ].join('\n');
  writeFileSync(join(bin, 'kubectl'), script);
  // As an operator's own profile would: the login shell's /etc/profile resets PATH, ~/.profile puts ~/bin first.
  writeFileSync(join(home, '.profile'), 'PATH="$HOME/bin:$PATH"\n');
  chmodSync(join(bin, 'kubectl'), 0o755);
  return {
    home,
    switchTo: (c) => writeFileSync(file, `${c}\n`),
    env: { HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}` },
  };
}

async function withHost(run: (host: Host, kube: FakeKube) => Promise<void>): Promise<void> {
  const kube = fakeKubectl();
  const host = await startHost([], { terminalRenderer: 'dom' }, 'serve', kube.env);
  try {
    await run(host, kube);
  } finally {
    await stopHost(host);
    rmSync(kube.home, { recursive: true, force: true });
  }
}

function journal(host: Host): string {
  const files = readdirSync(host.dataDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('journal.jsonl'),
  );
  return files.map((f) => readFileSync(join(host.dataDir, f), 'utf8')).join('');
}

async function exportMarkdown(page: Page): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-md').click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'tejun-dl-')), d.suggestedFilename());
  await d.saveAs(path);
  return readFileSync(path, 'utf8');
}

test('Run on the wrong kube context is refused naming both; after the switch it runs; an override is journaled and exported', async ({
  page,
}) => {
  await withHost(async (host, kube) => {
    await startRelease(page, host, join(ROOT, 'runbooks', 'target-check-en.md'), 'en', 'Aiko');
    await expect(page.getByTestId('terminal-status')).toContainText('shell integration: active');
    const controls = page.getByTestId('step-controls');
    await controls.getByRole('button', { name: 'Start step' }).click();
    await controls.getByRole('button', { name: 'Run', exact: true }).click();

    const refusal = page.getByRole('alertdialog', { name: /Wrong target/ });
    await expect(refusal).toContainText(
      'Wrong Kubernetes context: the runbook says "prod-tokyo", this terminal is on "staging"',
    );
    await expect(refusal.locator('tr[data-kind="kube-context"]')).toContainText('prod-tokyo');
    await expect(refusal.locator('tr[data-kind="kube-context"]')).toContainText('staging');
    await expect(refusal.getByRole('button', { name: 'Run again (after switching)' })).toBeFocused();
    await expect(page.getByTestId('terminal-target')).toContainText('kube-context: staging ✗');
    await screenshot(page, 'target-refused-en');
    // Nothing of the step's command reached the shell: only the probe ran there.
    expect(journal(host)).not.toContain('"type":"command-run"');
    expect(journal(host)).toContain('"type":"target-probed"');

    // The operator switches context; Enter runs again, which probes again and goes through.
    kube.switchTo('prod-tokyo');
    await page.keyboard.press('Enter');
    await expect(refusal).toHaveCount(0);
    await expect(controls.getByTestId('run-result')).toContainText('exit 0');
    await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('pods on prod-tokyo');
    await expect(page.getByTestId('terminal-target')).toContainText('kube-context: prod-tokyo ✓');

    // Back on staging: this time the operator overrides, by keys, with a reason.
    kube.switchTo('staging');
    await controls.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(refusal).toContainText('"staging"');
    await page.keyboard.press('Alt+o');
    const reason = refusal.getByTestId('target-reason');
    await expect(reason).toBeFocused();
    await page.keyboard.type('staging mirrors prod tonight; approved by Ken');
    await page.keyboard.press('Enter');
    await expect(refusal).toHaveCount(0);
    await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('pods on staging');
    await expect.poll(() => journal(host)).toContain('"type":"target-override"');
    const override = journal(host)
      .split('\n')
      .find((l) => l.includes('"type":"target-override"'))!;
    expect(override).toContain('"expected":"prod-tokyo"');
    expect(override).toContain('"actual":"staging"');
    expect(override).toContain('"by":"Aiko"');

    const md = await exportMarkdown(page);
    expect(md).toContain('Ran on another target kube-context: runbook "prod-tokyo", actual "staging"');
    expect(md).toContain('staging mirrors prod tonight; approved by Ken');
    expect(md).toContain('Run stopped on the wrong target kube-context');
  });
});

test('日本語: 実行先の違いを両方の値で示して止める', async ({ page }) => {
  await withHost(async (host) => {
    await startRelease(page, host, join(ROOT, 'runbooks', 'target-check-ja.md'), 'ja', '青木');
    const controls = page.getByTestId('step-controls');
    await controls.getByRole('button', { name: 'このステップを開始' }).click();
    await controls.getByRole('button', { name: '実行', exact: true }).click();
    const refusal = page.getByRole('alertdialog', { name: /実行先が違います/ });
    await expect(refusal).toContainText(
      'Kubernetes コンテキストが違います: 手順書は「prod-tokyo」、このターミナルは「staging」',
    );
    await expect(refusal.getByRole('button', { name: '対象違いで実行…' })).toBeVisible();
    await screenshot(page, 'target-refused-ja');
    await page.keyboard.press('Escape');
    await expect(refusal).toHaveCount(0);
  });
});
