import { describe, expect, it } from 'vitest';
import { classifyBlock, type RoleInput } from './roles';
import { commandShare, isCommandLine, splitPrompts } from './shapes';

const block = (lang: string, text: string, more: Partial<RoleInput> = {}): ReturnType<typeof classifyBlock> =>
  classifyBlock({ lang, text, before: '', label: null, afterCommand: false, previousCommand: '', ...more });

describe('block roles from the info string', () => {
  it('takes decisive info strings at their word', () => {
    expect(block('bash', 'echo hi')).toMatchObject({ role: 'command', confidence: 'stated' });
    expect(block('yaml', 'a: 1')).toMatchObject({ role: 'file', confidence: 'stated' });
    expect(block('sql', 'SELECT 1;')).toMatchObject({ role: 'sql', confidence: 'stated' });
    expect(block('markdown', '# Release done')).toMatchObject({ role: 'message' });
    expect(block('mermaid', 'graph TD; A-->B')).toMatchObject({ role: 'other' });
    expect(block('python', 'print(1)')).toMatchObject({ role: 'other' });
  });
  it('reads a console block without prompts as commands, not as an empty command with them as output', () => {
    const r = block('console', 'export CLUSTER=prod\nceph osd set noout');
    expect(r.role).toBe('command');
    expect(r.command).toBe('export CLUSTER=prod\nceph osd set noout');
    expect(r.output).toBeUndefined();
    expect(r.confidence).toBe('inferred');
  });
  it('splits `$ cmd` lines from their output in one block', () => {
    const r = block('shell-session', '$ kvctl status\nSealed  false\n$ uptime\n 10:00 up 3 days');
    expect(r).toMatchObject({
      role: 'command',
      command: 'kvctl status\nuptime',
      output: 'Sealed  false\n 10:00 up 3 days',
      outputIndex: 1,
    });
  });
  it('reads a console block of plain output after a command as output', () => {
    expect(
      block('console', 'HEALTH_OK\n  pgs: 128 active+clean', { afterCommand: true, previousCommand: 'ceph -s' }).role,
    ).toBe('output');
  });
  it('reads JSON after a query command as its output, and JSON to save as a file', () => {
    expect(
      block('json', '{ "status": "green" }', {
        afterCommand: true,
        previousCommand: 'curl -s http://es:9200/_cluster/health',
      }).role,
    ).toBe('output');
    expect(
      block('json', '{ "persistent": {} }', { before: '以下の内容を settings.json として保存します。' }).role,
    ).toBe('file');
  });
});

describe('block roles from content and words', () => {
  it('untagged commands, with or without prompts', () => {
    expect(block('', 'sudo systemctl stop app\nkubectl -n prod get pods')).toMatchObject({
      role: 'command',
      confidence: 'inferred',
    });
    expect(block('', '# systemctl restart nginx')).toMatchObject({
      role: 'command',
      command: 'systemctl restart nginx',
    });
    expect(block('', 'PS C:\\> Get-Service W3SVC')).toMatchObject({ role: 'command', command: 'Get-Service W3SVC' });
  });
  it('untagged output: after "expected output" words, under a label, or right after a command', () => {
    expect(block('', 'NAME READY STATUS', { before: 'The output should look like this:' }).role).toBe('output');
    expect(block('', 'pg_upgrade: ok', { before: '実行結果' }).role).toBe('output');
    expect(block('', 'anything', { label: 'expected' })).toMatchObject({ role: 'output', confidence: 'stated' });
    expect(block('', 'Upgrade complete', { afterCommand: true, previousCommand: 'make upgrade' }).role).toBe('output');
  });
  it('files, SQL and messages without an info string', () => {
    expect(block('', 'server:\n  port: 8080\n  host: 0.0.0.0').role).toBe('file');
    expect(block('', 'mysql> STOP REPLICA;').role).toBe('sql');
    expect(block('', 'ALTER TABLE users ADD COLUMN x int;').role).toBe('sql');
    expect(block('', '本日 22:00 からメンテナンスを行います。', { before: 'Slack に以下を投稿します。' }).role).toBe(
      'message',
    );
  });
  it('a prompt-less untagged block of prose is other, and every decision says why', () => {
    const r = block('', 'Client -> LB -> App -> DB');
    expect(r.role).toBe('other');
    expect(r.why.length).toBeGreaterThan(5);
  });
});

describe('shapes', () => {
  it('tells command lines from output and prose', () => {
    expect(isCommandLine('FOO=1 ./scripts/migrate.sh --dry-run')).toBe(true);
    expect(isCommandLine('sudo -u www-data php occ upgrade')).toBe(true);
    expect(isCommandLine('NAME   READY   STATUS')).toBe(false);
    expect(isCommandLine('the service is running')).toBe(false);
    expect(isCommandLine('/etc/nginx/nginx.conf')).toBe(false);
  });
  it('joins continuation lines and skips heredoc bodies', () => {
    expect(commandShare('pg_dump -h db \\\n  -F c -f x.dump\ncat <<EOF > a.conf\nkey=value\nEOF').share).toBe(1);
  });
  it('does not take a shell comment for a root prompt', () => {
    expect(splitPrompts('# バックアップ\npg_dump db > x', true)).toBeNull();
  });
  it('stays fast on hostile lines', () => {
    const t = performance.now();
    block('', `${'$ '.repeat(50_000)}\n${'\\\n'.repeat(20_000)}${'a'.repeat(200_000)}`);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
