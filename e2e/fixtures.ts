// A real `tejun serve` per worker, on a free port with its own data folder, and its printed URL.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const SEEDS = resolve(ROOT, '..', 'shared', 'seeds');
export const ARTIFACTS = join(ROOT, 'e2e-artifacts');

export interface Host {
  /** As printed: the token is in the fragment. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
}

/** Terminals are drawn by the DOM renderer in these tests, so their text can be read; one spec checks WebGL. */
export async function startHost(
  extraArgs: string[] = [],
  settings: Record<string, unknown> = { terminalRenderer: 'dom' },
  command: 'serve' | 'rehearse' = 'serve',
  env: Record<string, string> = {},
): Promise<Host> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tejun-e2e-'));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const proc = spawn(
    process.execPath,
    [join(ROOT, 'bin/tejun.mjs'), command, ...extraArgs, '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // A fresh HOME: the shells under test read no rc files of whoever runs the suite.
      env: { ...process.env, SHELL: '/bin/bash', HOME: mkdtempSync(join(tmpdir(), 'tejun-e2e-home-')), ...env },
    },
  );
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`tejun serve printed no URL within 15 s:\n${out}`)), 15_000);
    const check = (): void => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => reject(new Error(`tejun serve exited with ${code}:\n${out}`)));
  });
  const u = new URL(url);
  return { url, origin: u.origin, token: u.hash.slice('#token='.length), dataDir, proc, output: () => out };
}

/** A WebSocket to the host's API as the page opens it: the token offered as a subprotocol. */
type SocketArgs = { url: string; protocols: string[]; headers: Record<string, string> };
export function apiSocketArgs(host: Host, token = host.token): SocketArgs {
  const url = `${host.origin.replace('http', 'ws')}/api`;
  return { url, protocols: ['tejun', `tejun.token.${token}`], headers: { Origin: host.origin } };
}

export async function stopHost(host: Host): Promise<void> {
  if (host.proc.exitCode === null) {
    const exited = new Promise((r) => host.proc.once('exit', r));
    host.proc.kill('SIGTERM');
    await exited;
  }
  rmSync(host.dataDir, { recursive: true, force: true });
}

export async function screenshot(page: import('@playwright/test').Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await base.info().attach(name, { path, contentType: 'image/png' });
  return path;
}

/** A fresh host and data folder for every test: sessions left by one test must not be resumed by the next. */
export const test = base.extend<{ host: Host }>({
  // Reloads in the middle of a session are part of the tests: the "leave this page?" question is accepted.
  page: async ({ page }, use) => {
    page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()));
    await use(page);
  },
  host: async ({}, use, testInfo) => {
    const host = await startHost();
    await use(host);
    // When a test fails, what the host printed (a stack, a refusal) is kept with it.
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('host output', { body: host.output(), contentType: 'text/plain' });
    await stopHost(host);
  },
});

export { expect };

const LABELS = {
  en: {
    name: 'Your name',
    start: 'Start the release session',
    rehearse: 'Rehearse offline',
    preflight: 'Start preflight',
    go: 'Go — start the release',
  },
  ja: {
    name: '氏名',
    start: 'リリース作業を開始する',
    rehearse: 'オフラインでリハーサル',
    preflight: '事前確認を開始',
    go: 'Go — リリース開始',
  },
} as const;

/** The variables the sample runbooks' commands need before Go (staging values, never production). */
export const STAGING_VARIABLES: Record<string, string> = {
  DB_HOST: 'db.staging.internal',
  DB_USER: 'release',
  REGISTRY: 'registry.staging.internal',
  TOKEN: 'staging-token-not-secret',
  VERSION: 'v2.4.0',
};

/** Open a runbook through the picker and take it to a running release: name, start, preflight, the
 *  variables its commands need, Go. */
export async function startRelease(
  page: import('@playwright/test').Page,
  host: Host,
  file: string,
  lang: 'en' | 'ja',
  operator: string,
  variables: Record<string, string> = STAGING_VARIABLES,
  opts: { rehearsalSpeed?: 1 | 5 | 10 | 60 } = {},
): Promise<void> {
  const l = LABELS[lang];
  await page.goto(host.url);
  await page.getByTestId('runbook-file-input').setInputFiles(file);
  await page.getByPlaceholder(l.name).fill(operator);
  if (opts.rehearsalSpeed) {
    await page.getByTestId('rehearsal-speed').selectOption(String(opts.rehearsalSpeed));
    await page.getByRole('button', { name: l.rehearse }).click();
  } else await page.getByRole('button', { name: l.start }).click();
  await page.getByRole('button', { name: l.preflight }).click();
  // Every prerequisite is ticked before Go can be pressed.
  const preflight = page.getByTestId('preflight');
  await expect(preflight).toBeVisible();
  for (const box of await preflight.getByRole('checkbox').all()) {
    // The tick shows once the journal has it, so click and wait rather than check().
    await box.click();
    await expect(box).toBeChecked();
  }
  const missing = page.getByTestId('missing-variables');
  if (await missing.isVisible()) {
    // Given none, stop at preflight: the caller looks at the refusal.
    if (Object.keys(variables).length === 0) return;
    for (const [name, value] of Object.entries(variables)) {
      const box = page
        .locator('.vars-grid label.var', { has: page.locator('.var-name', { hasText: new RegExp(`^${name}\\b`) }) })
        .locator('input');
      // A value is kept as typed: Enter (or leaving the field) journals it.
      if (await box.count()) {
        await box.fill(value);
        await box.press('Enter');
      }
    }
    await expect(missing).toHaveCount(0);
  }
  await page.getByRole('button', { name: l.go }).click();
}
