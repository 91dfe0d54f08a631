import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRunbook, toSarif } from './lint';
import { parseRunbook } from './parse';

const ROOT = resolve(import.meta.dirname, '../../..');
const lint = (text: string) => lintRunbook(parseRunbook(text));
const codes = (text: string) => lint(text).map((d) => d.code);

describe('lintRunbook', () => {
  it('passes the sample runbooks clean', () => {
    for (const f of readdirSync(join(ROOT, 'runbooks')).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(ROOT, 'runbooks', f), 'utf8');
      expect([f, lint(text)]).toEqual([f, []]);
    }
  });

  const base = (
    body: string,
    rollback = '## Rollback procedure\n\n### Rollback criteria\n\n- Error rate above 10%\n\n**Time limit**: 2 hours\n',
  ) => `# R\n\n## Phase 1: Deploy (30 min)\n\n${body}\n\n${rollback}`;

  it('flags a change with no check on either side, with an actionable message', () => {
    const d = lint(base('### [Change] Deploy\n\n**Estimate**: 5 min\n\n```bash\nkubectl apply -f x.yaml\n```\n'));
    expect(d.map((x) => x.code)).toEqual(['change-without-check']);
    expect(d[0]!.message).toContain('Add a step that checks');
    expect(d[0]!.line).toBe(5);
  });
  it('flags missing rollback, criteria and time limit', () => {
    expect(codes('# R\n\n## Phase 1: A (5 min)\n\n### Step\n\n- [ ] done\n')).toContain('no-rollback');
    expect(codes(base('### Step\n\n- [ ] done\n', '## Rollback\n\n### Steps\n\n- [ ] undo\n'))).toEqual(
      expect.arrayContaining(['rollback-no-criteria', 'rollback-no-time-limit']),
    );
  });
  it('flags a step with no estimate only when nothing above it gives one', () => {
    expect(codes('# R\n\n## Phase 1: A\n\n### Step\n\n- [ ] done\n')).toContain('step-no-estimate');
    expect(codes(base('### Step\n\n- [ ] done\n'))).not.toContain('step-no-estimate');
  });
  it('flags an unverified backup', () => {
    const text = base(
      '### [Change] Take the backup\n\n```bash\npg_dump -Fc prod > b.dump\n```\n\n### [After] Health\n\n```bash\ncurl -f http://x\n```\n',
    );
    expect(codes(text)).not.toContain('backup-unverified');
    expect(codes(base('### [Change] Take the backup\n\n```bash\npg_dump -Fc prod > b.dump\n```\n'))).toContain(
      'backup-unverified',
    );
  });
  it('flags a destructive command without a caution, and not with one', () => {
    expect(codes(base('### Drop\n\n```bash\npsql -c "DROP TABLE users;"\n```\n'))).toContain('destructive-no-caution');
    expect(codes(base('### Drop\n\n**Caution**: irreversible\n\n```bash\nrm -rf /srv/old\n```\n'))).not.toContain(
      'destructive-no-caution',
    );
    expect(codes(base('### Stop\n\n```bash\nkubectl scale deployment/api --replicas=0\n```\n'))).toContain(
      'destructive-no-caution',
    );
  });
  it('flags undeclared placeholders and accepts declared ones', () => {
    const cmd = '### Push\n\n```bash\ndocker push <REGISTRY>/api:v1\n```\n';
    expect(codes(base(cmd))).toContain('undeclared-placeholder');
    expect(codes(`---\nvariables:\n  REGISTRY:\n    description: where images go\n---\n${base(cmd)}`)).not.toContain(
      'undeclared-placeholder',
    );
  });
  it('flags an expected value with no blank for the actual one', () => {
    expect(codes(base('### Check\n\n```bash\ncurl x\n```\n\n**Expected**: `ok`\n'))).toContain('expected-unanswered');
    expect(codes(base('### Check\n\n```bash\ncurl x\n```\n\n**Expected**: `ok`\n**Actual**: `____`\n'))).not.toContain(
      'expected-unanswered',
    );
  });
  it('writes its messages in the runbook language', () => {
    const d = lint(
      '# 手順書\n\n## フェーズ1: 準備（10分）\n\n### 【変化】デプロイ\n\n```bash\nkubectl apply -f x.yaml\n```\n\nこれは日本語の手順書です。ロールバックなし。',
    );
    expect(d.find((x) => x.code === 'no-rollback')?.message).toContain('切り戻し手順がありません');
  });
  it('produces SARIF 2.1.0', () => {
    const s = toSarif('r.md', lint(base('### Drop\n\n```bash\nrm -rf /x\n```\n'))) as {
      version: string;
      runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    expect(s.version).toBe('2.1.0');
    expect(s.runs[0]!.results[0]!.ruleId).toBe('destructive-no-caution');
    expect(s.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(8);
  });
});

describe('lint: commands run as they read, regexes run in linear time', () => {
  const rollback = '## Rollback procedure\n\n### Rollback criteria\n\n- Errors\n\n**Time limit**: 1 hour\n';
  const doc = (cmd: string, extra = '') =>
    `${extra}# R\n\n## Phase 1: Check (5 min)\n\n### [Before] Look\n\n**Estimate**: 1 min\n\n\`\`\`bash\n${cmd}\n\`\`\`\n\n${rollback}`;
  const only = (text: string, code: string) => {
    const model = parseRunbook(text);
    return [...model.diagnostics, ...lintRunbook(model)].filter((d) => d.code === code);
  };

  it('errors on ESC and bidi controls in a command, naming each with its line', () => {
    const [esc] = only(doc('echo hi\x1b[201~\ntouch /tmp/m'), 'command-hidden-characters');
    expect(esc).toMatchObject({ severity: 'error', line: 10, column: 8 });
    expect(esc!.message).toContain('ESC (\\x1b) at line 10, column 8');
    const [bidi] = only(doc(': \u202e; touch /tmp/m; : \u2066#\u2069'), 'command-hidden-characters');
    expect(bidi!.message).toMatch(
      /RIGHT-TO-LEFT OVERRIDE \(\\u202e\).*LEFT-TO-RIGHT ISOLATE \(\\u2066\).*POP DIRECTIONAL/,
    );
    const jaDoc = doc('echo \u202eok', '---\ntitle: 手順\n---\n').replace('# R', '# 手順書');
    const [ja] = only(jaDoc, 'command-hidden-characters');
    expect(ja!.message).toContain('RIGHT-TO-LEFT OVERRIDE（\\u202e、13行目6文字目）');
    expect(only(doc('printf "a\\tb"\n\techo ok'), 'command-hidden-characters')).toEqual([]);
  });

  it('warns about a long run of blank lines that pushes a command out of sight', () => {
    const [d] = only(doc(`echo ok${'\n'.repeat(31)}touch /tmp/m`), 'command-blank-lines');
    expect(d!.message).toContain('30 blank lines');
    expect(d!.line).toBe(11);
    expect(only(doc('echo a\n\necho b'), 'command-blank-lines')).toEqual([]);
  });

  it('errors on a redact: pattern or an expected /regex/ RE2 cannot run, at its line', () => {
    const fm = '---\ntitle: R\nredact:\n  - "CUST-\\\\d{6}"\n  - "(\\\\w+)=\\\\1"\n---\n';
    const [r] = only(doc('echo ok', fm), 'redact-pattern-refused');
    expect(r).toMatchObject({ line: 5, severity: 'error' });
    expect(r!.message).toMatch(/redact: pattern 2 .*backreferences/);
    const text = doc('echo ok').replace('**Estimate**', '**Expected**: `/^(?=ok)/`\n\n**Estimate**');
    const [x] = only(text, 'expected-regex-refused');
    expect(x!.message).toMatch(/lookaround/);
    expect(only(doc('echo ok', '---\nredact: "(a+)+$"\n---\n'), 'redact-pattern-refused')).toEqual([]);
  });
});

describe('reading hints', () => {
  it('a whole-document downgrade is not told to add rollback criteria, and guesses come with what to write', () => {
    const r = parseRunbook(
      '# Downgrade the API\n\n## Stop\n\n```\nsudo systemctl stop api\n```\n\n結果:\n\n```\ninactive\n```\n',
    );
    const d = lintRunbook(r);
    expect(d.map((x) => x.code)).not.toContain('rollback-no-criteria');
    expect(d.filter((x) => x.code === 'block-role-inferred').map((x) => [x.line, x.severity])).toEqual([
      [5, 'info'],
      [11, 'info'],
    ]);
    expect(d.find((x) => x.line === 11)!.message).toContain('「**期待される結果**:」');
  });
  it('stays quiet about blocks whose info string says what they are', () => {
    const r = parseRunbook('# T\n\n## フェーズ1: 準備（5分）\n\n### 確認\n\n```bash\nuptime\n```\n');
    expect(lintRunbook(r).map((x) => x.code)).not.toContain('block-role-inferred');
  });
});
