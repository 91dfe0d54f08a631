// Shells outlive the window: a step's long command keeps running through a reload of the page, and
// through closing it and opening the session in a new one; the same shell shows what it printed
// afterwards, and the step still records the command's exit code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, startRelease, test } from './fixtures';

const RUNBOOK = `---
title: Long command check
version: v1
---

# Long command check

## Phase 1: Wait (5 min)

### 1.1 [Before] A check that outlives the window

**Estimate**: 1 min

\`\`\`bash
sleep 8; echo "surv""ived"
\`\`\`

**Expected**: \`survived\`
**Actual**: \`______\`

- [ ] Waited
`;

function runbookFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tejun-reattach-')), 'long-command-en.md');
  writeFileSync(file, RUNBOOK);
  return file;
}

async function startLongCommand(page: Page, host: Parameters<typeof startRelease>[1]): Promise<string> {
  await startRelease(page, host, runbookFile(), 'en', 'Aiko');
  await expect(page.getByTestId('terminal-status')).toContainText('shell integration: active');
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: 'Start step' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  const terminal = page.getByTestId('terminal');
  // The shell has the command (it echoed it) before the window goes away.
  await expect(terminal.locator('.xterm-rows')).toContainText('sleep 8');
  await expect(terminal).toHaveAttribute('data-terminal-id', /t\d+/);
  return (await terminal.getAttribute('data-terminal-id'))!;
}

async function expectSurvived(page: Page, id: string): Promise<void> {
  const terminal = page.getByTestId('terminal');
  // The same shell, not a new one: same id, and it prints what the command printed after the reload.
  await expect(terminal).toHaveAttribute('data-terminal-id', id);
  await expect(terminal.locator('.xterm-rows')).toContainText('survived', { timeout: 20_000 });
  const controls = page.getByTestId('step-controls');
  await expect(controls.getByTestId('run-result')).toContainText('exit 0', { timeout: 20_000 });
  await expect(controls.getByTestId('run-result')).toContainText('matches the expected value');
}

test('a reload reattaches to the running shell: it shows "survived" and the step records exit 0', async ({
  page,
  host,
}) => {
  const id = await startLongCommand(page, host);
  await page.reload();
  await expectSurvived(page, id);
  await screenshot(page, 'terminal-reattached-en');
});

test('closing the page and opening the session in a new one reattaches the same way', async ({
  page,
  host,
  context,
}) => {
  const id = await startLongCommand(page, host);
  await page.close();
  const next = await context.newPage();
  await next.goto(host.url);
  // The new page resumes the session this browser had open; its terminal tab reattaches.
  await expectSurvived(next, id);
});
