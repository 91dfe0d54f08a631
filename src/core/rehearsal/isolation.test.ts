// The OS sandbox around a rehearsal shell: a real pty inside bubblewrap (job control, the shims first on
// PATH), no network, the real file system read-only, the rehearsal folder writable; closing the terminal
// ends everything it started. The environment switch forces the shims-only path.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseRunbook } from '../runbook/parse';
import { detectIsolation, heldBySandbox, macProfile, wrapShell } from './isolation';
import { isolationLine } from './drill';
import { disposePtys, ownedPtyHost } from '../terminal/ptyTestKit';
import { DEFAULT_PLAN } from './plan';
import { prepareSandbox, shellWrap } from './sandbox';

afterEach(disposePtys);

const dir = mkdtempSync(join(tmpdir(), 'tejun-iso-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('detectIsolation', () => {
  it('TEJUN_REHEARSAL_SANDBOX=off forces the shims only, and says why', () => {
    expect(detectIsolation({ TEJUN_REHEARSAL_SANDBOX: 'off' })).toMatchObject({
      kind: 'shims-only',
      observer: null,
      note: 'TEJUN_REHEARSAL_SANDBOX=off',
    });
  });
  it('on Windows there is no OS sandbox: shims only', () => {
    expect(detectIsolation({}, 'win32').kind).toBe('shims-only');
  });
  it('the macOS profile denies the network and writes outside the rehearsal folder', () => {
    const p = macProfile('/var/folders/x/T/s1/rehearsal', '/private/var/folders/x/T/s1/rehearsal');
    expect(p.split('\n')).toEqual([
      '(version 1)',
      '(allow default)',
      '(deny network*)',
      '(allow network-outbound (remote unix-socket))',
      '(allow network-outbound (remote ip "localhost:*"))',
      '(deny file-write*)',
      '(allow file-write* (subpath "/var/folders/x/T/s1/rehearsal") (subpath "/private/var/folders/x/T/s1/rehearsal")' +
        ' (literal "/dev/null") (literal "/dev/tty") (regex #"^/dev/(fd/|ttys)"))',
    ]);
  });
  it('a folder name cannot break out of the profile string', () => {
    expect(macProfile('/Users/a"b\\c')).toContain('(subpath "/Users/a\\"b\\\\c")');
  });
  it('macOS: the shell starts under sandbox-exec with the profile written in the rehearsal folder', () => {
    const d = mkdtempSync(join(dir, 'mac-'));
    const iso = { kind: 'sandbox-exec' as const, observer: null, readOnlyFs: true, note: 'macOS sandbox-exec' };
    const w = wrapShell(iso, '/bin/zsh', ['-i'], { dir: d, keep: [], traceLog: '' });
    expect(w).toEqual({ file: '/usr/bin/sandbox-exec', args: ['-f', join(d, 'sandbox.sb'), '/bin/zsh', '-i'] });
    expect(readFileSync(join(d, 'sandbox.sb'), 'utf8')).toBe(macProfile(d, realpathSync(d)));
    expect(isolationLine(iso)).toBe('macOS sandbox-exec; blocked attempts not observed');
  });
  it('on a Mac without a working sandbox-exec (here: none), shims only, and the line says so', () => {
    const iso = detectIsolation({}, 'darwin');
    expect(iso.kind).toBe('shims-only');
    expect(isolationLine(iso)).toMatch(/^shims only — commands can reach the network \(sandbox-exec did not start\)$/);
  });
  it('unshare holds the network but not the files: a flagged write asks first, a flagged ssh does not', () => {
    const unshare = { kind: 'unshare' as const, readOnlyFs: false };
    expect(heldBySandbox(unshare, [{ kind: 'remote' }, { kind: 'raw-socket' }])).toBe(true);
    expect(heldBySandbox(unshare, [{ kind: 'remote' }, { kind: 'writes-outside' }])).toBe(false);
    expect(heldBySandbox(unshare, [{ kind: 'absolute-path' }])).toBe(false);
    expect(heldBySandbox({ kind: 'bwrap', readOnlyFs: true }, [{ kind: 'writes-outside' }])).toBe(true);
    expect(heldBySandbox({ kind: 'shims-only', readOnlyFs: false }, [{ kind: 'remote' }])).toBe(false);
  });
  it('Windows: shims only, and the line says commands can reach the network', () => {
    expect(isolationLine(detectIsolation({}, 'win32'))).toBe(
      'shims only — commands can reach the network (no OS sandbox on win32)',
    );
  });
});

const bwrap = detectIsolation({}).kind === 'bwrap';

describe.skipIf(!bwrap)('a rehearsal shell inside bubblewrap', () => {
  it(
    'has a working pty, no route out, a read-only system, a writable rehearsal folder; closing ends it all',
    { timeout: 30_000 },
    async () => {
      const model = parseRunbook('# T\n\n## Phase 1: A (1 min)\n\n### 1.1 A\n\n```bash\nkubectl get pods\n```\n');
      const sb = prepareSandbox(dir, model, DEFAULT_PLAN);
      expect(sb.isolation.kind).toBe('bwrap');
      const ptys = ownedPtyHost();
      let out = '';
      const t = ptys.create(
        't',
        120,
        30,
        { data: (id, d) => ((out += Buffer.from(d).toString()), ptys.ack('t', id, d.length)), exit: () => {} },
        { env: { ...sb.env, SHELL: '/bin/bash' }, wrap: shellWrap(sb)! },
      );
      const until = async (re: RegExp) => {
        const end = Date.now() + 15_000;
        while (!re.test(out) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
        expect(out).toMatch(re);
      };
      const secs = 700 + Math.floor(Math.random() * 200);
      ptys.write(
        't',
        t.id,
        [
          '[ -t 0 ] && echo "TTY=yes"',
          'echo "KUBECTL=$(command -v kubectl)"',
          'ip route 2>/dev/null | wc -l | sed "s/^/ROUTES=/"',
          'echo x > /etc/tejun-iso 2>/dev/null || echo "ETC=refused"',
          `echo ok > "${sb.dir}/w" && echo "DIR=writable"`,
          `sleep ${secs} &`,
          'echo "DONE"',
          '',
        ].join('\r'),
      );
      await until(/DONE\r?\n/);
      expect(out).toContain('TTY=yes');
      expect(out).toContain(`KUBECTL=${sb.binDir}/kubectl`);
      expect(out).toContain('ROUTES=0');
      expect(out).toContain('ETC=refused');
      expect(out).toContain('DIR=writable');
      const alive = () => spawnSync('pgrep', ['-f', `^sleep ${secs}$`]).status === 0;
      expect(alive()).toBe(true);
      ptys.close('t', t.id);
      const end = Date.now() + 5000;
      while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(alive()).toBe(false);
    },
  );
});

const unshare = detectIsolation({ TEJUN_REHEARSAL_SANDBOX: 'unshare' }).kind === 'unshare';

describe.skipIf(!unshare)('the unshare fallback (no bubblewrap)', () => {
  it('has no route out, and says files are not write-protected', { timeout: 30_000 }, async () => {
    const model = parseRunbook('# T\n\n## Phase 1: A (1 min)\n\n### 1.1 A\n\n```bash\nkubectl get pods\n```\n');
    const sb = prepareSandbox(join(dir, 'u'), model, DEFAULT_PLAN, {
      ...process.env,
      TEJUN_REHEARSAL_SANDBOX: 'unshare',
    });
    expect(sb.isolation).toMatchObject({ kind: 'unshare', readOnlyFs: false });
    expect(sb.isolation.note).toContain('files NOT write-protected');
    const ptys = ownedPtyHost();
    let out = '';
    const t = ptys.create(
      'u',
      120,
      30,
      { data: (id, d) => ((out += Buffer.from(d).toString()), ptys.ack('u', id, d.length)), exit: () => {} },
      { env: { ...sb.env, SHELL: '/bin/bash' }, wrap: shellWrap(sb)! },
    );
    ptys.write(
      'u',
      t.id,
      'ip route 2>/dev/null | wc -l | sed "s/^/ROUTES=/"; [ -t 0 ] && echo "TTY=yes"; echo "DONE"\r',
    );
    const end = Date.now() + 15_000;
    while (!/DONE\r?\n/.test(out) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('ROUTES=0');
    expect(out).toContain('TTY=yes');
    ptys.dispose();
  });
});
