import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TejunError } from '../../shared/errors';
import { allSteps } from '../../shared/model';
import { SessionStore } from './sessions';
import { renderStepCommand } from './stepCommands';

const runbook = (cmd: string, title = 'Hidden characters') =>
  Buffer.from(`---
title: ${title}
variables:
  TARGET:
    description: where
---

# ${title}

## Phase 1: Check (5 min)

### 1.1 Look

\`\`\`bash
${cmd}
\`\`\`
`);

describe('a command with characters that do not show is refused in core', async () => {
  const store = new SessionStore(mkdtempSync(join(tmpdir(), 'tejun-hidden-')));
  afterAll(() => store.closeAll());
  const refusal = async (cmd: string, title?: string, values: Record<string, string> = {}) => {
    const s = await store.create(runbook(cmd, title), 'hidden.md', { rehearsal: true, speed: 1, operator: 'op' });
    if (Object.keys(values).length) await s.submit({ type: 'variables-set', values });
    const step = allSteps(s.doc.model).find((x) => x.commands.length)!;
    try {
      renderStepCommand(s, step.id, step.commands[0]!.id);
    } catch (e) {
      return e as TejunError;
    }
    return null;
  };

  it('names ESC and where it is, in the runbook’s line', async () => {
    const e = await refusal('echo ok\x1b[201~\ntouch /tmp/MARKER');
    expect(e).toBeInstanceOf(TejunError);
    expect(e!.code).toBe('COMMAND_HIDDEN_CHARACTERS');
    expect(e!.message).toContain('ESC (\\x1b) at line 15, column 8');
    expect(e!.line).toBe(15);
  });

  it('names bidi overrides, in Japanese for a Japanese runbook', async () => {
    const e = await refusal(': \u202e; touch /tmp/MARKER; : \u2066# ディスク確認\u2069', '隠し文字の確認');
    expect(e!.message).toMatch(/RIGHT-TO-LEFT OVERRIDE（\\u202e、15行目3文字目）.*貼り付け・実行しません/);
  });

  it('checks the rendered text, so a variable’s value cannot smuggle them in', async () => {
    const e = await refusal('ls <TARGET>', undefined, { TARGET: 'x\x1b[201~; touch /tmp/MARKER' });
    expect(e!.message).toContain('ESC (\\x1b)');
    expect(await refusal('printf "a\\tb\\n"')).toBeNull();
  });
});
