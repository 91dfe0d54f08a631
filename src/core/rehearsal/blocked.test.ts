import { describe, expect, it } from 'vitest';
import { parseBlockedLine } from './blocked';

describe('parseBlockedLine (strace -f -y -ttt, failed calls only)', () => {
  it('a refused connection to an internet address is an attempt; a missing unix socket is not', () => {
    expect(
      parseBlockedLine(
        '12 1795.1 connect(3<socket:[99]>, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr("10.0.0.5")}, 16) = -1 ENETUNREACH (Network is unreachable)',
      ),
    ).toEqual({ kind: 'network', target: '10.0.0.5:5432', call: 'connect ENETUNREACH' });
    expect(
      parseBlockedLine(
        '12 1795.1 connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (x)',
      )?.target,
    ).toBe('[2001:db8::1]:443');
    expect(
      parseBlockedLine(
        '12 1795.1 connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)',
      ),
    ).toBeNull();
  });
  it('a write the read-only file system refused is an attempt, named in full even when relative', () => {
    expect(
      parseBlockedLine(
        '7 1795.2 openat(AT_FDCWD</etc>, "zz", O_WRONLY|O_CREAT|O_TRUNC, 0666) = -1 EROFS (Read-only file system)',
      ),
    ).toEqual({ kind: 'write', target: '/etc/zz', call: 'openat EROFS' });
    expect(
      parseBlockedLine('7 1795.2 openat(AT_FDCWD</home/op>, "/etc/x", O_WRONLY) = -1 EROFS (Read-only file system)')
        ?.target,
    ).toBe('/etc/x');
  });
  it('a file that is simply missing, or a read, is not', () => {
    expect(
      parseBlockedLine(
        '7 1795.2 openat(AT_FDCWD</>, "/usr/lib/locale/x", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)',
      ),
    ).toBeNull();
    expect(parseBlockedLine('garbage')).toBeNull();
  });
});
