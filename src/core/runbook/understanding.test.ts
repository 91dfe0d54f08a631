// Procedures written every which way (issue #14): each shape in a small document of our own.
import { describe, expect, it } from 'vitest';
import { allSteps, Runbook } from '../../shared/model';
import { parseRunbook } from './parse';

const fence = '```';

describe('steps from any structure', () => {
  it('reads `### Step N` headings with untagged command blocks as a procedure', () => {
    const r = parseRunbook(
      `# Scale down\n\n### Step 1: Drain\n\n${fence}\nkubectl drain node-1 --ignore-daemonsets\n${fence}\n\n### Step 2: Stop\n\n${fence}\nsudo systemctl stop app\n${fence}\n\n### Step 3: Tell the team\n\nPost in #ops that the node is down.\n`,
    );
    expect(r.kind).toBe('procedure');
    expect(allSteps(r).map((s) => s.title)).toEqual(['Step 1: Drain', 'Step 2: Stop', 'Step 3: Tell the team']);
    expect(allSteps(r)[0]!.commands[0]).toMatchObject({
      text: 'kubectl drain node-1 --ignore-daemonsets',
      line: 6,
      endLine: 6,
      confidence: 'inferred',
      inline: false,
    });
  });
  it('reads a numbered list whose items hold the commands as one step per item, nested sub-lists included', () => {
    const r = parseRunbook(
      `# Release\n\n1. Back up:\n    1. The database:\n\n        ${fence}sh\n        pg_dump app > app.sql\n        ${fence}\n\n    2. The files:\n\n        ${fence}sh\n        tar czf files.tgz /srv/app\n        ${fence}\n\n2. Read the changelog.\n3. Run \`make deploy\`.\n`,
    );
    expect(allSteps(r).map((s) => s.title)).toEqual([
      'The database',
      'The files',
      'Read the changelog.',
      'Run make deploy.',
    ]);
    expect(allSteps(r)[3]!.commands[0]).toMatchObject({
      text: 'make deploy',
      inline: true,
      confidence: 'inferred',
      blockId: null,
    });
  });
  it('never leaves a document with commands as "nothing to walk"', () => {
    const r = parseRunbook(`Some notes.\n\n${fence}bash\n./upgrade.sh\n${fence}\n`);
    expect(r.kind).toBe('procedure');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('no-runnable-steps');
  });
});

describe('expected output in its usual forms', () => {
  it('a `##### 期待される出力` heading over an untagged block is the output of the command above, not a step', () => {
    const r = parseRunbook(
      `# 手順\n\n## 1. 停止\n\n${fence}\nsudo systemctl stop app\n${fence}\n\n##### 期待される出力\n\n${fence}\n(なし)\n${fence}\n\n## 2. 確認\n\n${fence}\nsystemctl is-active app\n${fence}\n\n実行結果\n\n${fence}\ninactive\n${fence}\n`,
    );
    const steps = allSteps(r);
    expect(steps.map((s) => s.title)).toEqual(['1. 停止', '2. 確認']);
    expect(steps[0]!.commands[0]!.expectedOutput).toBe('(なし)');
    expect(steps[0]!.expected).toEqual([{ text: '(なし)', line: 12, block: true, blockId: expect.any(String) }]);
    expect(steps[1]!.commands[0]!.expectedOutput).toBe('inactive');
  });
  it('a `$ cmd` block with its output becomes the command with its expected output, also listed in the step', () => {
    const r = parseRunbook(`# T\n\n## Check\n\n${fence}console\n$ app status\nok: 3 nodes\n${fence}\n`);
    const step = allSteps(r)[0]!;
    expect(step.commands[0]).toMatchObject({ text: 'app status', expectedOutput: 'ok: 3 nodes', line: 6, endLine: 7 });
    expect(step.expected[0]).toMatchObject({ text: 'ok: 3 nodes', line: 7, block: true });
  });
  it('a console block without prompts is commands to run, never an empty command', () => {
    const r = parseRunbook(
      `# T\n\n## Set flags\n\n${fence}console\nexport ROOK_NS=storage\nceph osd set noout\n${fence}\n`,
    );
    expect(allSteps(r)[0]!.commands[0]).toMatchObject({
      text: 'export ROOK_NS=storage\nceph osd set noout',
      expectedOutput: null,
    });
  });
  it('"You should see" over a console block after the command reads it as output', () => {
    const r = parseRunbook(
      `# T\n\n## Check\n\n${fence}console\nceph -s\n${fence}\n\nYou should see:\n\n${fence}console\nHEALTH_OK\n${fence}\n`,
    );
    expect(allSteps(r)[0]!.commands.map((c) => c.text)).toEqual(['ceph -s']);
    expect(allSteps(r)[0]!.commands[0]!.expectedOutput).toBe('HEALTH_OK');
  });
});

describe('inline commands', () => {
  it('takes the object of 実行 / run, marked inferred', () => {
    const r = parseRunbook(
      '# T\n\n## 再起動\n\n`sudo systemctl restart nginx` を実行します。\n\n## Drain\n\n1. Run `kubectl drain node-1`.\n2. Wait.\n',
    );
    const cmds = allSteps(r).flatMap((s) => s.commands);
    expect(cmds.map((c) => [c.text, c.confidence, c.inline])).toEqual([
      ['sudo systemctl restart nginx', 'inferred', true],
      ['kubectl drain node-1', 'inferred', true],
    ]);
  });
  it('does not take what the text says not to run, nor a file name', () => {
    const r = parseRunbook('# T\n\n## A\n\n`rm -rf /srv` は実行しないでください。`/etc/app.conf` を編集します。\n');
    expect(allSteps(r).flatMap((s) => s.commands)).toEqual([]);
  });
});

describe('rollback under every usual name', () => {
  const names = [
    'Rollback',
    'Roll-back',
    'Roll back',
    'Revert',
    'Downgrade',
    'Failback',
    'Restore',
    'Recovery',
    'Rollback (or lack thereof)',
    'ダウングレード',
    '切り戻し',
    '障害状態からの復旧',
    '復元手順',
    '戻し手順',
  ];
  for (const name of names)
    it(`finds "${name}"`, () => {
      const r = parseRunbook(
        `# Upgrade\n\n## 1. Upgrade\n\n${fence}bash\n./up.sh\n${fence}\n\n## ${name}\n\n${fence}bash\n./down.sh\n${fence}\n`,
      );
      expect(r.rollback?.line).toBe(9);
      expect(r.rollback?.whole).toBe(false);
      expect(r.rollback?.phases[0]?.steps[0]?.commands[0]?.text).toBe('./down.sh');
    });
  it('knows a document that is itself a downgrade', () => {
    const r = parseRunbook(
      `# Downgrade the chat server\n\n## Stop\n\n${fence}sh\nsudo systemctl stop chat\n${fence}\n\n## Restore the old binary\n\n${fence}sh\nsudo cp chat.old /usr/bin/chat\n${fence}\n`,
    );
    expect(r.rollback).toMatchObject({ whole: true, line: 1 });
    expect(allSteps(r).map((s) => s.title)).toEqual(['Stop', 'Restore the old binary']);
  });
});

describe('dialects, unmodified', () => {
  it('TOML front matter, Hugo code shortcodes and alerts', () => {
    const r = parseRunbook(
      `+++\ntitle = "Deploy"\n+++\n\n## Go\n\n{{< alert type="warning" >}}\nTraffic drops for a minute.\n{{< /alert >}}\n\n{{< highlight bash >}}\n./deploy.sh\n{{< /highlight >}}\n`,
    );
    expect(r.title).toBe('Deploy');
    const step = allSteps(r)[0]!;
    expect(step.commands[0]).toMatchObject({ text: './deploy.sh', line: 12 });
    expect(step.cautions.map((c) => c.text)).toEqual(['Traffic drops for a minute.']);
  });
  it('GitHub alerts, ::: containers and kramdown attributes become cautions; notes and tips do not', () => {
    const r = parseRunbook(
      `# T\n\n## A\n\n> [!WARNING]\n> Stop the writers first.\n\n> [!TIP]\n> It is quick.\n\n::: danger\nNo way back.\n:::\n\nThe API stays up.\n{: .warning }\n\n${fence}bash\n./a.sh\n${fence}\n`,
    );
    expect(allSteps(r)[0]!.cautions.map((c) => [c.text, c.line])).toEqual([
      ['Stop the writers first.', 6],
      ['No way back.', 12],
      ['The API stays up.', 15],
    ]);
  });
  it('setext headings, HTML comments, <details>, tabs and CRLF', () => {
    const text = `Upgrade\n=======\n\nStop it\n-------\n\n<!--\n${fence}bash\nrm -rf /\n${fence}\n-->\n\n<details><summary>Steps</summary>\n\n${fence}bash\n\tsudo systemctl stop app\n${fence}\n\n</details>\n`;
    const lf = parseRunbook(text);
    const crlf = parseRunbook(text.replace(/\n/g, '\r\n'));
    expect(allSteps(lf).map((s) => s.title)).toEqual(['Stop it']);
    expect(allSteps(lf)[0]!.commands.map((c) => [c.text.trim(), c.line])).toEqual([['sudo systemctl stop app', 16]]);
    expect(crlf.blocks).toEqual(lf.blocks);
  });
});

describe('block ids and role overrides', () => {
  const doc = `# T\n\n## Check\n\n${fence}\nsudo systemctl status app\n${fence}\n\n${fence}\nactive (running)\n${fence}\n`;
  it('gives every block a stable id, also when text elsewhere changes', () => {
    const a = parseRunbook(doc);
    const b = parseRunbook(`Intro added above.\n\n${doc}`);
    expect(a.blocks.map((x) => x.id)).toEqual(b.blocks.map((x) => x.id));
    expect(new Set(a.blocks.map((x) => x.id)).size).toBe(2);
    expect(a.blocks.map((x) => [x.role, x.confidence])).toEqual([
      ['command', 'inferred'],
      ['output', 'inferred'],
    ]);
    expect(a.blocks.every((x) => x.stepId === allSteps(a)[0]!.id)).toBe(true);
  });
  it('re-derives the step from an operator correction, without touching the text', () => {
    const a = parseRunbook(doc);
    const second = a.blocks[1]!.id;
    const b = parseRunbook(doc, { roles: { [second]: 'command' } });
    const step = allSteps(b)[0]!;
    expect(step.commands.map((c) => c.text)).toEqual(['sudo systemctl status app', 'active (running)']);
    expect(step.expected).toEqual([]);
    expect(b.blocks[1]).toMatchObject({ role: 'command', confidence: 'stated', why: 'set by the operator' });
    const c = parseRunbook(doc, { roles: { [a.blocks[0]!.id]: 'other' } });
    expect(c.blocks[0]).toMatchObject({ role: 'other', confidence: 'stated' });
    expect(allSteps(c).flatMap((s) => s.commands)).toEqual([]);
  });
  it('keeps the model valid against its schema', () => {
    expect(Runbook.safeParse(parseRunbook(doc)).success).toBe(true);
  });
});

describe('restore as a forward step', () => {
  it('a numbered "Restore the dump" step of a migration is a step, not the rollback', () => {
    const r = parseRunbook(
      `# Move the server\n\n## 1. Dump\n\n${fence}bash\npg_dump app > app.sql\n${fence}\n\n## 2. Restore the dump on the new host\n\n${fence}bash\npsql app < app.sql\n${fence}\n\n## 3. 切り戻し\n\n${fence}bash\n./switch-back.sh\n${fence}\n`,
    );
    expect(allSteps(r).map((s) => s.title)).toEqual(['1. Dump', '2. Restore the dump on the new host', '3. 切り戻し']);
    expect(r.rollback?.line).toBe(15);
  });
});
