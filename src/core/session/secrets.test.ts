import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finishedRehearsal } from '../evidence/testSession';
import { SECRET_MARK } from './secrets';
import { SessionStore } from './sessions';
import { renderStepCommand } from './stepCommands';
import { allSteps } from '../../shared/model';

const RUNBOOK = Buffer.from(`---
title: Secrets drill
variables:
  DB_PASSWORD:
    secret: true
redact:
  - CUST-\\d{6}
---

# Secrets drill

## Phase 1: Check (5 min)

### 1.1 Connect

\`\`\`bash
PGPASSWORD=<DB_PASSWORD> psql -h db -c 'select 1'
\`\`\`

**Actual**: \`______\`
`);

describe('secrets never reach the journal', async () => {
  const { session, store } = await finishedRehearsal(RUNBOOK, 'secrets.md', {
    extraVariables: { DB_PASSWORD: 'hunter2-very-secret', DATABASE_URL: 'postgresql://app:Pa55word@db/x' },
    values: () => 'customer CUST-123456 with postgresql://u:fieldpw99@h/d',
  });
  afterAll(() => store.closeAll());
  const journal = readFileSync(join(session.dir, 'journal.jsonl'), 'utf8');

  it('keeps secret variables aside, owner-only, and journals a mark', () => {
    expect(journal).not.toContain('hunter2-very-secret');
    expect(journal).not.toContain('Pa55word');
    expect(journal).toContain(SECRET_MARK);
    expect(statSync(join(session.dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('still renders the command with the real value, for the shell only', () => {
    const step = allSteps(session.doc.model).find((s) => s.commands.length)!;
    expect(renderStepCommand(session, step.id, step.commands[0]!.id).text).toContain('PGPASSWORD=hunter2-very-secret');
  });

  it('redacts typed field values with the built-in and the runbook’s own patterns', () => {
    expect(journal).not.toContain('fieldpw99');
    expect(journal).not.toContain('CUST-123456');
  });
});

describe('a redact: pattern RE2 cannot run', () => {
  it('refuses the session before it starts, naming the file, the line and the reason', async () => {
    const bytes = Buffer.from(String(RUNBOOK).replace('  - CUST-\\d{6}', '  - CUST-\\d{6}\n  - (\\w+)=\\1'));
    const store = new SessionStore(mkdtempSync(join(tmpdir(), 'tejun-refused-')));
    await expect(
      store.create(bytes, 'secrets.md', { rehearsal: true, speed: 1, operator: 'op' }),
    ).rejects.toMatchObject({
      code: 'PATTERN_REFUSED',
      line: 8,
      message: expect.stringMatching(/^secrets\.md:8: redact: pattern 2 .*backreferences/),
    });
  });
});
