import { describe, expect, it } from 'vitest';
import { REDACTED, RedactingStream, Redactor } from './redact';

// CPU time of this process, not wall time: on a loaded machine the wait for a core is not the regex's cost.
const cpuSince = (u: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(u);
  return (d.user + d.system) / 1000;
};

describe('Redactor', () => {
  const r = () => new Redactor({ secrets: ['s3cr3t-value'] });
  it.each([
    ['postgresql://app:Pa55word!@db.internal:5432/orders', 'postgresql://app:‹redacted›@db.internal:5432/orders'],
    ['curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig" https://api', 'curl -H "Authorization: Bearer ‹redacted›" https://api'],
    ['PGPASSWORD=hunter22 psql -h db', 'PGPASSWORD=‹redacted› psql -h db'],
    ["export API_TOKEN='abc def'", 'export API_TOKEN=‹redacted›'],
    ['key AKIAIOSFODNN7EXAMPLE used', 'key ‹redacted› used'],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = ‹redacted›'],
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
    for (const c of ['DATABASE_URL=postgresql://app:Pa5', '5word@db/x\nnext line Bea', 'rer abcdefghijklmnop\n']) s.write(c);
    s.end();
    expect(out).not.toContain('Pa55word');
    expect(out).not.toContain('abcdefghijklmnop');
    expect(out).toContain('next line');
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
