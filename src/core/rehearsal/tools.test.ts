import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSteps } from '../../shared/model';
import { parseRunbook } from '../runbook/parse';
import { commandTools } from './tools';

describe('commandTools', () => {
  it.each([
    ['kubectl get pods -l app=api | grep Running', ['kubectl'], 0],
    ['sudo -u postgres pg_dump -h "$DB_HOST" orders > /tmp/b.sql && gzip /tmp/b.sql', ['sudo', 'pg_dump', 'gzip'], 0],
    ['PGPASSWORD=x psql $DATABASE_URL -c "SELECT 1; SELECT 2"', ['psql'], 0],
    ['echo "$(aws sts get-caller-identity)"', ['aws'], 0],
    ['# only a comment\necho done', [], 0],
    ['timeout 30 curl -f https://api/health || exit 1', ['timeout', 'curl'], 0],
    ['cat <<EOF | kubectl apply -f -\nrm -rf /\nEOF', ['kubectl'], 0],
    ['/usr/local/bin/kubectl delete pod x', ['kubectl'], 1],
    ['ssh bastion uptime', ['ssh'], 1],
    ['PATH=/usr/bin:$PATH kubectl get ns', ['kubectl'], 1],
    ['for p in $(kubectl get pods -o name); do kubectl logs $p; done', ['kubectl'], 0],
    // The escapes that got past the shims before (issue #15): each is flagged now.
    ['exec 3<>/dev/tcp/db.internal/5432', ['exec'], 1],
    ['c=curl; $c https://prod', [], 1],
    ['eval "cu""rl https://prod"', [], 1],
    ['awk \'BEGIN { system("curl https://prod") }\'', [], 1],
    ['command -p curl https://prod', ['curl'], 1],
    ['export PATH=/usr/bin:$PATH', [], 1],
    ['echo x > "/etc/app.conf"', [], 1],
    ['sed -i s/a/b/ /etc/app.conf', [], 1],
    ['sort -o /etc/app.conf /etc/hosts', [], 1],
    ['cd /etc && echo x > app.conf', [], 1],
    ['echo x > ~/.profile', [], 1],
  ])('%s', (text, tools, bypass) => {
    const r = commandTools(text);
    expect(r.tools).toEqual(tools);
    expect(r.bypass).toHaveLength(bypass);
  });

  it('finds the tools of seed 000', () => {
    const m = parseRunbook(
      readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'), 'utf8'),
    );
    const all = new Set(allSteps(m).flatMap((s) => s.commands.flatMap((c) => commandTools(c.text).tools)));
    for (const t of ['kubectl', 'psql', 'pg_dump', 'docker', 'curl']) expect(all).toContain(t);
    for (const t of ['echo', 'grep', 'cat']) expect(all).not.toContain(t);
  });
});
