// A runbook names its target; a step inherits its phase's and the document's, kind by kind.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSteps } from '../../shared/model';
import { parseRunbook } from './parse';
import { inheritTargets, parseTargetText, targetsFromFrontMatter } from './targets';

const doc = (front: string, body: string): string => `${front ? `---\n${front}\n---\n` : ''}${body}`;
const BODY = [
  '# Release',
  '',
  '## Phase 1: Deploy (10 min)',
  '',
  '**Target**: kube-context: `prod-tokyo`',
  '',
  '### 1.1 Check pods',
  '',
  '```bash',
  'kubectl get pods',
  '```',
  '',
  '### 1.2 Database',
  '',
  '**対象**: host: db-primary-01、database: production',
  '',
  '```bash',
  "psql -c 'select 1'",
  '```',
  '',
].join('\n');
const steps = (text: string) => allSteps(parseRunbook(text));
const pairs = (s: { targets: { kind: string; value: string }[] }) => s.targets.map((t) => `${t.kind}=${t.value}`);

describe('targets in a runbook', () => {
  it('reads the front matter as a map, a list of maps, or one line', () => {
    expect(targetsFromFrontMatter({ target: { 'kube-context': 'prod-tokyo', 'aws-account': 123456789012 } })).toEqual([
      { kind: 'kube-context', value: 'prod-tokyo', line: 1 },
      { kind: 'aws-account', value: '123456789012', line: 1 },
    ]);
    expect(targetsFromFrontMatter({ target: [{ host: 'db-1' }] }).map((t) => t.value)).toEqual(['db-1']);
    expect(targetsFromFrontMatter({ 対象: 'database: production' }).map((t) => t.kind)).toEqual(['database']);
    expect(targetsFromFrontMatter({ target: { colour: 'blue' } })).toEqual([]);
  });

  it('reads a target line with several kinds, backticks and Japanese separators', () => {
    expect(parseTargetText('kube-context: `prod-tokyo`, aws-account: 123456789012', 3).map((t) => t.value)).toEqual([
      'prod-tokyo',
      '123456789012',
    ]);
    expect(parseTargetText('ホスト：db-primary-01、データベース: production', 1).map((t) => t.kind)).toEqual([
      'host',
      'database',
    ]);
    expect(parseTargetText('the production cluster', 1)).toEqual([]);
    expect(parseTargetText('host: db\u001b[31m-01\u202e', 1).map((t) => t.value)).toEqual(['db[31m-01']);
  });

  it('gives each step its phase target, its own line overriding kind by kind, the document below both', () => {
    const [pods, db] = steps(doc('target: { aws-account: "123456789012", kube-context: prod-osaka }', BODY));
    expect(pairs(pods!)).toEqual(['kube-context=prod-tokyo', 'aws-account=123456789012']);
    expect(pairs(db!)).toEqual([
      'kube-context=prod-tokyo',
      'aws-account=123456789012',
      'host=db-primary-01',
      'database=production',
    ]);
    expect(db!.targets.find((t) => t.kind === 'host')!.line).toBe(18);
  });

  it('keeps the target line out of the step content and names no target where none is written', () => {
    const [pods] = steps(doc('', BODY));
    expect(pods!.fields).toEqual([]);
    expect(pods!.purpose).toBeNull();
    expect(parseRunbook(doc('', BODY)).targets).toEqual([]);
    const SEED000 = readFileSync(
      resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'),
      'utf8',
    );
    expect(allSteps(parseRunbook(SEED000)).every((s) => s.targets.length === 0)).toBe(true);
  });

  it('overlays nearer layers kind by kind', () => {
    const t = (kind: 'host' | 'database', value: string) => ({ kind, value, line: 1 });
    expect(inheritTargets([t('host', 'a'), t('database', 'x')], [t('host', 'b')]).map((x) => x.value)).toEqual([
      'b',
      'x',
    ]);
  });
});
