// Evidence from a real session: a command in the real pty echoes a database URL with a password and
// a Bearer token; the filled-in Markdown, HTML, PDF and the signed bundle carry neither, the bundle
// verifies with the CLI, and an approver counter-signs it in the page as if on another workstation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, ROOT, screenshot, startRelease, test } from './fixtures';

const PASSWORD = 'Pa55word-e2e-77';
const TOKEN = 'tok3n-abcdefghijklmnop-9876';

function runbook(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-evidence-'));
  const file = join(dir, 'secrets-drill-en.md');
  writeFileSync(
    file,
    [
      '# Secrets drill',
      '',
      '## Phase 1: Connect (5 min)',
      '',
      '### 1.1 [Before] Read the connection settings',
      '',
      '```bash',
      `echo "db=postgresql://app:${PASSWORD}@db.internal/orders"; echo "Authorization: Bearer ${TOKEN}"`,
      '```',
      '',
      '**Actual**: `______`',
      '',
      '- [ ] Settings read',
      '',
    ].join('\n'),
  );
  return file;
}

async function download(
  page: Page,
  testId: string,
): Promise<{ name: string; text: string; utf8: string; path: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'tejun-dl-')), d.suggestedFilename());
  await d.saveAs(path);
  // latin1 reads any bytes (the PDF too) for the secret search; utf8 for reading the text.
  return { name: d.suggestedFilename(), text: readFileSync(path, 'latin1'), utf8: readFileSync(path, 'utf8'), path };
}

const cli = (...args: string[]) => {
  try {
    return {
      code: 0,
      out: execFileSync(process.execPath, [join(ROOT, 'bin/tejun.mjs'), ...args], { encoding: 'utf8' }),
    };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
};

test('exports and the signed bundle carry no password and no token; the bundle verifies; an approver counter-signs', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await startRelease(page, host, runbook(), 'en', 'Aiko');
  const controls = page.getByTestId('step-controls');
  await controls.getByRole('button', { name: 'Start step' }).click();
  await controls.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(controls.getByTestId('run-result')).toContainText('exit 0');
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText('Authorization: Bearer');
  await controls.getByRole('button', { name: '← output' }).click();
  await controls.getByRole('checkbox').click();
  await controls.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Yes — start monitoring' }).click();
  await page.getByRole('button', { name: 'Complete the session' }).click();

  // The operator signs off with a passphrase (the browser has no OS keychain): the key is made now.
  const sign = page.getByTestId('sign-operator');
  await sign.getByLabel('Key passphrase').fill('correct horse battery');
  await sign.getByRole('button', { name: 'Sign off as operator' }).click();
  await expect(page.getByTestId('signed-by')).toContainText(/Aiko SHA256:/);
  // A note after sign-off is a new entry, signed with the same key.
  await page.getByLabel('Note').fill('Morning check: all normal');
  await page.locator('.note-box').getByLabel('Key passphrase').fill('correct horse battery');
  await page.locator('.note-box').getByRole('button').click();
  await expect(page.locator('.note-last')).toContainText('Morning check: all normal');
  await screenshot(page, 'evidence-signed-en');

  const md = await download(page, 'export-md');
  const html = await download(page, 'export-html');
  const bundle = await download(page, 'export-bundle');
  const pdf = await download(page, 'export-pdf');
  for (const f of [md, html, bundle, pdf]) {
    expect(f.text, f.name).not.toContain(PASSWORD);
    expect(f.text, f.name).not.toContain(TOKEN);
  }
  expect(md.utf8).toContain('postgresql://app:‹redacted›@db.internal/orders');
  expect(md.utf8).toMatch(/- \[x\] Settings read — ✓ \d\d:\d\d:\d\d Aiko/);
  expect(md.utf8).toMatch(/Morning check: all normal — ✍ `SHA256:/);
  expect(pdf.text.startsWith('%PDF')).toBe(true);
  // The local transcript is evidence too: redacted before it was written, owner-only; the bundle's copy as well.
  const sessionDir = join(host.dataDir, 'sessions', readdirSync(join(host.dataDir, 'sessions'))[0]!);
  const localTranscript = readdirSync(join(sessionDir, 'terminals'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(sessionDir, 'terminals', f), 'utf8'))
    .join('');
  expect(localTranscript).not.toContain(TOKEN);
  expect(localTranscript).not.toContain(PASSWORD);
  expect(localTranscript).toContain('Authorization: Bearer ‹redacted›');
  for (const f of readdirSync(join(sessionDir, 'terminals')))
    expect(statSync(join(sessionDir, 'terminals', f)).mode & 0o077, f).toBe(0);
  const parsed = JSON.parse(readFileSync(bundle.path, 'utf8')) as { transcripts: { text: string | null }[] };
  expect(parsed.transcripts.length).toBeGreaterThan(0);
  expect(parsed.transcripts.some((t) => t.text?.includes('Authorization: Bearer ‹redacted›'))).toBe(true);

  // The PDF prints: render its first page and keep it for a look.
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    pdf.path,
    join(ROOT, 'e2e-artifacts', 'evidence-pdf-en'),
  ]);

  // The team's trust list in the data folder names the operator's key (read off the screen).
  const operatorFp = /SHA256:[A-Za-z0-9+/]{43}/.exec((await page.getByTestId('signed-by').textContent()) ?? '')![0];
  const trust = join(host.dataDir, 'trust.yaml');
  writeFileSync(trust, `signers:\n  - { name: Aiko Tanaka, fingerprint: "${operatorFp}", roles: [operator] }\n`);
  const verified = cli('verify', bundle.path, '--data-dir', host.dataDir);
  // A production release needs the approver too: intact, but MISSING until counter-signed.
  expect(verified.code).toBe(3);
  expect(verified.out).toMatch(/^MISSING: no signature by a trusted approver/m);
  // Re-issued after the later note: the sign-off and the note carry their signatures in the journal,
  // named as the trust list spells the person.
  expect(verified.out).toMatch(/signer: +operator +Aiko Tanaka +SHA256:\S+ +\S+ +\(sign-off, journal entry \d+\)/);
  expect(verified.out).toMatch(/signer: +- +Aiko Tanaka +SHA256:\S+ +\S+ +\(note, journal entry \d+\)/);

  // On another workstation: open the bundle, read the verification, counter-sign.
  const other = await page.context().newPage();
  await other.goto(host.url);
  await other.getByTestId('bundle-file-input').setInputFiles(bundle.path);
  await expect(other.getByTestId('verify-verdict')).toContainText('MISSING');
  await expect(other.getByTestId('verify-lines')).toContainText('operator Aiko Tanaka');
  await other.getByLabel('Approver').fill('Dana');
  await other.getByLabel('Key passphrase').fill('approver passphrase');
  const [d] = await Promise.all([
    other.waitForEvent('download'),
    other.getByRole('button', { name: 'Counter-sign as approver' }).click(),
  ]);
  const countersigned = join(mkdtempSync(join(tmpdir(), 'tejun-dl-')), d.suggestedFilename());
  await d.saveAs(countersigned);
  // Dana's new key is on no list yet: the app says so, as the CLI does.
  await expect(other.getByTestId('verify-verdict')).toContainText('UNTRUSTED');
  await expect(other.getByTestId('verify-lines')).toContainText('approver UNTRUSTED key (claimed "Dana")');
  const approverFp = /approver UNTRUSTED key \(claimed "Dana"\) +(SHA256:\S+)/.exec(
    (await other.getByTestId('verify-lines').textContent()) ?? '',
  )![1]!;
  writeFileSync(
    trust,
    `${readFileSync(trust, 'utf8')}  - { name: Dana Suzuki, fingerprint: "${approverFp}", roles: [approver] }\n`,
  );
  await other.getByTestId('bundle-file-input').setInputFiles(countersigned);
  await expect(other.getByTestId('verify-verdict')).toContainText('OK');
  await expect(other.getByTestId('verify-lines')).toContainText('approver Dana Suzuki');
  await screenshot(other, 'evidence-countersigned-en');
  // The verdict word stays the CLI's; what it means is said in the operator's language.
  await other.getByLabel('Language').selectOption('ja');
  await expect(other.getByTestId('verify-verdict')).toContainText('OK: 改ざんなし');
  await screenshot(other, 'evidence-countersigned-ja');
  const again = cli('verify', countersigned, '--data-dir', host.dataDir);
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/signer: +approver +Dana Suzuki +SHA256:/);
});
