// A rehearsal shell: production-looking settings never reach it, even when the operator's own rc
// file sets them; the shims come first on PATH; a command that would bypass them is flagged.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRunbook } from '../runbook/parse';
import { disposePtys, ownedPtyHost, until } from '../terminal/ptyTestKit';
import type { FinishedCommand } from '../terminal/commandTracker';
import { DEFAULT_PLAN } from './plan';
import { prepareSandbox, rehearsalCommand, throughGrep } from './sandbox';

const RUNBOOK = `# Drill

## Phase 1: Check (5 min)

### 1.1 Versions

\`\`\`bash
kubectl get deployment api -o jsonpath='{.image}'
\`\`\`

**Expected**: \`api:v1.2.0\`

### 1.2 Direct

\`\`\`bash
/usr/local/bin/kubectl delete pod api-0
ssh bastion 'pg_dump orders' > /backup/orders.sql
\`\`\`
`;

const PROD = {
  DATABASE_URL: 'postgresql://app:prodpw@prod-db.internal/orders',
  AWS_ACCESS_KEY_ID: 'AKIAPRODUCTION000001',
  AWS_SECRET_ACCESS_KEY: 'prod-secret-access-key',
  KUBECONFIG: '/home/op/.kube/prod-config',
  PGHOST: 'prod-db.internal',
  VAULT_TOKEN: 'hvs.prodtoken',
  SSH_AUTH_SOCK: '/tmp/ssh-agent.sock',
};

afterEach(disposePtys);

describe('the rehearsal sandbox', () => {
  const model = parseRunbook(RUNBOOK);
  const dir = mkdtempSync(join(tmpdir(), 'tejun-sb-'));
  const base = { ...process.env, ...PROD };
  const sb = prepareSandbox(dir, model, DEFAULT_PLAN, base);

  it('flags an absolute-path tool and a remote shell on their command', () => {
    const direct = model.phases[0]!.steps[1]!.commands[0]!;
    expect(sb.flags[direct.id]).toEqual([
      { kind: 'absolute-path', what: '/usr/local/bin/kubectl' },
      { kind: 'remote', what: 'ssh' },
    ]);
    expect(Object.keys(sb.flags)).toHaveLength(1);
  });

  it.each(['/bin/bash', '/usr/bin/zsh'])(
    '%s: no production value reaches the shell, even when the rc file sets one',
    async (shell) => {
      const home = mkdtempSync(join(tmpdir(), 'tejun-sb-home-'));
      // The operator's rc files try to point the shell at production again.
      const rc = `export DATABASE_URL='${PROD.DATABASE_URL}'\nexport KUBECONFIG='${PROD.KUBECONFIG}'\n`;
      writeFileSync(join(home, '.bashrc'), rc);
      writeFileSync(join(home, '.profile'), rc);
      writeFileSync(join(home, '.zshrc'), rc);
      const host = ownedPtyHost();
      const done: FinishedCommand[] = [];
      let active = false;
      const t = host.create(
        't',
        200,
        50,
        {
          data: (id, d) => host.ack('t', id, d.length),
          exit: () => {},
          status: (_i, s) => (active ||= s === 'active'),
          command: (_i, c) => done.push(c),
        },
        { env: { ...base, ...sb.env, HOME: home, SHELL: shell } },
      );
      await until(() => active);
      host.paste('t', t.id, 'env; command -v kubectl; kubectl get deployment api -o jsonpath=x', true);
      await until(() => done.length > 0);
      const out = done[0]!.output;
      host.dispose();
      for (const v of Object.values(PROD)) expect(out).not.toContain(v);
      expect(out).toContain('DATABASE_URL=postgresql://rehearsal.invalid/inert');
      expect(out).toContain(join(sb.binDir, 'kubectl'));
      expect(out).toContain('api:v1.2.0');
      expect(readFileSync(join(sb.dir, 'shim.log'), 'utf8')).toContain('"tool":"kubectl"');
    },
  );

  it('moves redirections to absolute paths under the rehearsal root', () => {
    expect(rehearsalCommand('pg_dump x > /backup/a.sql 2>/dev/null', sb)).toBe(
      `pg_dump x > '${sb.root}'/backup/a.sql 2>/dev/null`,
    );
  });

  it('lets the expected output pass the command’s own grep', () => {
    expect(throughGrep('kubectl describe pod -l app=api | grep -A 5 "Status:"', 'kubectl', 'Running\nReady')).toBe(
      'Status: Running\nStatus: Ready',
    );
  });
});
