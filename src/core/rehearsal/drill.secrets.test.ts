// The acceptance: a drill whose commands print eight kinds of secret leaves none of them in
// any file it writes (transcripts, journal, bundle, filled-in Markdown, report), and every file of the
// session folder it hands on is owner-only. The runbook assembles each secret at run time, so the
// runbook's own text (kept in the session as it was) never holds one whole.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrill } from './drill';

const step = (n: number, title: string, command: string) => `### 1.${n} ${title}\n\n\`\`\`bash\n${command}\n\`\`\`\n`;

const RUNBOOK = [
  '---\ntitle: Secrets drill\nversion: v1\n---\n\n# Secrets drill\n\n## Phase 1: Print secrets (5 min)\n',
  step(1, 'URL password', `printf 'postgres://app:%s@db.internal/x\\n' "Pw$(printf Url)Secret9"`),
  step(2, 'Bearer token', 'echo "Authorization: Bearer Be$(echo arer)Tok3nValue99"'),
  step(
    3,
    'AWS key pair',
    'echo "AWS_ACCESS_KEY_ID=AKIA$(echo 2E0A8F3B244C9986)"; ' +
      'echo "aws_secret_access_key = Zk8bQ2rT7wLp4$(echo NcX9vYs1MaHe6JdU3oGfK0iRtEz)"',
  ),
  step(4, 'GitHub token', 'echo "push with ghp_$(echo aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789)"'),
  step(5, 'Slack token', 'echo "xoxb-$(echo 123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx)"'),
  step(
    6,
    'PEM key',
    "printf -- '-----BEGIN RSA PRIVATE KEY-----\\nMIIEow%s\\nVTLw7onLR%s\\n-----END RSA PRIVATE KEY-----\\n' " +
      'IBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEe nrq0IzW7yWR7QkrmBL7jTKEn5u',
  ),
  step(
    7,
    'JWT',
    'echo "session eyJhbGciOiJIUzI1NiJ9.$(echo eyJzdWIiOiIxMjM0NTY3ODkwIn0).dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"',
  ),
  step(8, 'mysql', 'echo "mysql -u root -pMy$(echo Sql)Secret42 app"'),
].join('\n');

const SECRETS = [
  'PwUrlSecret9',
  'BearerTok3nValue99',
  'AKIA2E0A8F3B244C9986',
  'Zk8bQ2rT7wLp4NcX9vYs1MaHe6JdU3oGfK0iRtEz',
  'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
  'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEe',
  'VTLw7onLRnrq0IzW7yWR7QkrmBL7jTKEn5u',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  'MySqlSecret42',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('tejun rehearse --headless: no secret on disk', () => {
  it(
    'writes none of the printed secrets anywhere under --out, and the session folder is owner-only',
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tejun-drill-secrets-'));
      const runbook = join(dir, 'secrets.md');
      writeFileSync(runbook, RUNBOOK);
      const out = join(dir, 'out');
      const lines: string[] = [];
      const r = await runDrill({ runbook, out, log: (l) => lines.push(l) });
      expect(r.outcome, lines.join('\n')).toBe('success');
      const files = filesUnder(out);
      // The commands did print them: the transcripts exist and say where a secret was.
      const casts = files.filter((f) => f.endsWith('.cast'));
      expect(casts.length).toBeGreaterThan(0);
      expect(readFileSync(casts[0]!, 'utf8')).toContain('‹redacted›');
      expect(readFileSync(casts[0]!, 'utf8')).toContain('postgres://app:‹redacted›@db.internal');
      for (const f of files) {
        const text = readFileSync(f, 'latin1');
        for (const s of SECRETS) expect(text.includes(s), `${s} in ${f}`).toBe(false);
      }
      const session = join(out, 'session');
      for (const f of filesUnder(session)) expect((statSync(f).mode & 0o777).toString(8), f).toBe('600');
      expect((statSync(session).mode & 0o777).toString(8)).toBe('700');
    },
  );
});
