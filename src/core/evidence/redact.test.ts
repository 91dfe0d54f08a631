import { describe, expect, it } from 'vitest';
import { REDACTED, RedactingStream, Redactor } from './redact';

// CPU time of this process, not wall time: on a loaded machine the wait for a core is not the regex's cost.
const cpuSince = (u: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(u);
  return (d.user + d.system) / 1000;
};

// Made at run time, so that no secret scanner takes this file for a leak.
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join(
  '.',
);
const GITHUB = `ghp_${'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'}`;
const GITHUB_PAT = `github_pat_${'11ABCDEFG0123456789_abcdefghijklmnopqrstuvwx'}`;
const SLACK = ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

describe('Redactor', () => {
  const r = () => new Redactor({ secrets: ['s3cr3t-value'] });
  it.each([
    ['postgresql://app:Pa55word!@db.internal:5432/orders', 'postgresql://app:‹redacted›@db.internal:5432/orders'],
    [
      'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig" https://api',
      'curl -H "Authorization: Bearer ‹redacted›" https://api',
    ],
    ['PGPASSWORD=hunter22 psql -h db', 'PGPASSWORD=‹redacted› psql -h db'],
    ["export API_TOKEN='abc def'", 'export API_TOKEN=‹redacted›'],
    ['key AKIA2E0A8F3B244C9986 used', 'key ‹redacted› used'],
    ['aws_secret_access_key = Zk8bQ2rT7wLp4NcX9vYs1MaHe6JdU3oGfK0iRtEz', 'aws_secret_access_key = ‹redacted›'],
    ['AWS_SECRET_ACCESS_KEY="Zk8bQ2rT7wLp4NcX9vYs1MaHe6JdU3oGfK0iRtEz"', 'AWS_SECRET_ACCESS_KEY="‹redacted›"'],
    ['mysql -u root -pHunter2Secret app', 'mysql -u root -p‹redacted› app'],
    ['mysqldump -h db -u app -p"pa ss" orders', 'mysqldump -h db -u app -p‹redacted› orders'],
    [
      'curl "https://x.example/api?user=a&password=lowerSecret1&x=1"',
      'curl "https://x.example/api?user=a&password=‹redacted›&x=1"',
    ],
    [`token ${JWT} ok`, 'token ‹redacted› ok'],
    [`push ${GITHUB} ok`, 'push ‹redacted› ok'],
    [`fine ${GITHUB_PAT} ok`, 'fine ‹redacted› ok'],
    [`slack ${SLACK} ok`, 'slack ‹redacted› ok'],
    ['npm token npm_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5 set', 'npm token ‹redacted› set'],
    ['mysql --password=topsecret -u root', 'mysql --password=‹redacted› -u root'],
    ['the value s3cr3t-value appears', `the value ${REDACTED} appears`],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----', REDACTED],
    ['nothing secret here: kubectl get pods', 'nothing secret here: kubectl get pods'],
    ['PGPASSWORD=$DB_PASS pg_dump -h ${DB_HOST}', 'PGPASSWORD=$DB_PASS pg_dump -h ${DB_HOST}'],
    ['curl -H "Authorization: Bearer ${TOKEN}"', 'curl -H "Authorization: Bearer ${TOKEN}"'],
    ['postgresql://user:<PASSWORD>@host/db', 'postgresql://user:<PASSWORD>@host/db'],
  ])('%s', (input, expected) => expect(r().redact(input)).toBe(expected));

  it('takes the runbook’s own patterns, and names a broken one', () => {
    expect(new Redactor({ patterns: ['CUST-\\d{6}'] }).redact('order CUST-123456 ok')).toBe(`order ${REDACTED} ok`);
    expect(() => new Redactor({ patterns: ['(unclosed'] })).toThrow(/Redaction pattern 1 .* front matter/);
  });

  it('counts what it replaced and leaves short values alone', () => {
    const x = new Redactor({ secrets: ['ab', 'longsecret'] });
    expect(x.redact('ab longsecret longsecret')).toBe(`ab ${REDACTED} ${REDACTED}`);
    expect(x.total()).toBe(2);
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    const once = r().redact('postgresql://u:pw1234@h/db Bearer abcdefghijk');
    expect(r().redact(once)).toBe(once);
  });
});

describe('RedactingStream', () => {
  it('finds a secret split across chunks', () => {
    let out = '';
    const s = new RedactingStream(new Redactor(), (x) => (out += x));
    for (const c of ['DATABASE_URL=postgresql://app:Pa5', '5word@db/x\nnext line Bea', 'rer abcdefghijklmnop\n'])
      s.write(c);
    s.end();
    expect(out).not.toContain('Pa55word');
    expect(out).not.toContain('abcdefghijklmnop');
    expect(out).toContain('next line');
  });
});

describe('RedactingStream across chunks', () => {
  const through = (chunks: string[]): string => {
    let out = '';
    const s = new RedactingStream(new Redactor(), (x) => (out += x));
    for (const c of chunks) s.write(c);
    s.end();
    return out;
  };
  const cuts = (text: string, every: number): string[] => text.match(new RegExp(`[\\s\\S]{1,${every}}`, 'g')) ?? [];

  it.each([7, 13, 64])('finds every kind of secret when the output is cut every %i characters', (n) => {
    const secrets = [JWT, GITHUB, GITHUB_PAT, SLACK, 'Hunter2Secret', 'lowerSecret1', 'AKIA2E0A8F3B244C9986'];
    const text = `a ${JWT}\n${GITHUB} ${GITHUB_PAT}\n${SLACK}\nmysql -uroot -pHunter2Secret\n?password=lowerSecret1\nAKIA2E0A8F3B244C9986\n`;
    const out = through(cuts(text, n));
    for (const s of secrets) expect(out).not.toContain(s);
    expect(out).toContain('mysql -uroot -p');
  });

  it('swallows a private key block whose lines arrive in separate chunks, and keeps what follows', () => {
    const lines = PEM.split('\n');
    const out = through(['before\n', `${lines[0]}\n`, `${lines[1]}\n`, `${lines[2]}\n${lines[3]}\nafter\n`]);
    expect(out).not.toContain(lines[1]!.slice(0, 20));
    expect(out).not.toContain(lines[2]!.slice(0, 20));
    expect(out).toContain('before\n');
    expect(out).toContain('after\n');
  });

  it('stops swallowing after a block that never ends (64 KiB)', () => {
    const out = through([`${PEM.split('\n')[0]}\n`, `${'A'.repeat(70 * 1024)}\n`, 'visible again\n']);
    expect(out).toContain('visible again');
  });
});

describe('Redactor on hostile input', () => {
  // The bound is the ("under 100 ms"), generous: before, 64 KB of `a-` took 12 s in the URL rule.
  const worst: [string, string][] = [
    ['URL scheme run', 'a-'.repeat(32 * 1024)],
    ['URL user run', `x://${'a:'.repeat(32 * 1024)}`],
    ['private key label', `-----BEGIN ${'A '.repeat(32 * 1024)}`],
    ['password variable word', `${'PASSWORD'.repeat(8 * 1024)}`],
    ['password variable words', 'A_PASSWORD '.repeat(6 * 1024)],
    ['bearer run', `Bearer ${'/Token'.repeat(12 * 1024)}`],
    ['JWT run', 'eyJ'.repeat(21 * 1024)],
    ['JWT segments', `eyJ${'a'.repeat(8)}.`.repeat(5 * 1024)],
    ['mysql run', 'mysql '.repeat(10 * 1024)],
    ['query run', '?password='.repeat(6 * 1024)],
    ['GitHub run', 'github_pat_'.repeat(6 * 1024)],
  ];
  it.each(worst)('%s: 64 KB in under 100 ms', (_, text) => {
    const r = new Redactor();
    const t = process.cpuUsage();
    r.redact(text);
    expect(cpuSince(t)).toBeLessThan(100);
  });

  it('runs a runbook’s (a+)+$ on 10 KB of a’s in under 100 ms, and still redacts with it', () => {
    const r = new Redactor({ patterns: ['(a+)+$'] });
    const t = process.cpuUsage(); // after compiling: the session compiles once, then redacts every entry
    expect(r.redact('a'.repeat(10 * 1024))).toBe(REDACTED);
    expect(r.redact(`${'a'.repeat(10 * 1024)}!`)).toBe(`${'a'.repeat(10 * 1024)}!`);
    expect(cpuSince(t)).toBeLessThan(100);
  });

  it('refuses a runbook pattern RE2 cannot run, naming it and where to fix it', () => {
    const refused = () => new Redactor({ patterns: ['ok', '(\\w+)=\\1'] });
    expect(refused).toThrow(/Redaction pattern 2 .*backreferences.*redact:/);
  });

  it('keeps a secret split across chunks on the runbook’s own pattern', () => {
    let out = '';
    const s = new RedactingStream(new Redactor({ patterns: ['CUST-\\d{6}'] }), (x) => (out += x));
    for (const c of ['order CUST-12', '3456 shipped\n']) s.write(c);
    s.end();
    expect(out).toBe(`order ${REDACTED} shipped\n`);
  });
});
