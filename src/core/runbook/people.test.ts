// Placeholders in context: a person's placeholder belongs to the role its row or item names, so the
// same word under different roles never becomes one variable.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from './parse';
import { roleOf } from './variables';

const SEED000 = readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/000_8597f5dc98a4b98d.txt'), 'utf8');

describe('roleOf', () => {
  it('reads a table row, a ticked or plain list item, and a numbered item', () => {
    expect(roleOf('| **作業者** | ')).toBe('作業者');
    expect(roleOf('- [ ] リリース責任者: ')).toBe('リリース責任者');
    expect(roleOf('- [ ] リリース責任者: [氏名] ')).toBe('リリース責任者');
    expect(roleOf('1. Release manager: ')).toBe('Release manager');
    expect(roleOf('- Escalation：')).toBe('Escalation');
  });
  it('gives no role to a placeholder inside a sentence', () => {
    expect(roleOf('2. リリース責任者に電話連絡（')).toBeNull();
    expect(roleOf('- 手順: 連絡する、担当は ')).toBeNull();
    expect(roleOf('Call ')).toBeNull();
  });
});

describe('seed 000', () => {
  const vars = parseRunbook(SEED000).variables;
  it('has five people and three numbers, none merged', () => {
    const names = vars.filter((v) => v.name.endsWith('.氏名')).map((v) => v.name);
    const phones = vars.filter((v) => v.name.endsWith('.電話番号')).map((v) => v.name);
    expect(names.sort()).toEqual(
      ['インフラ担当.氏名', 'エスカレーション先.氏名', 'リリース責任者.氏名', '作業者.氏名', '承認者.氏名'].sort(),
    );
    expect(phones.sort()).toEqual(
      ['インフラ担当.電話番号', 'エスカレーション先.電話番号', 'リリース責任者.電話番号'].sort(),
    );
    for (const v of [...names, ...phones]) expect(vars.find((x) => x.name === v)!.occurrences).toHaveLength(1);
    expect(vars.map((v) => v.name)).not.toContain('氏名');
    expect(vars.map((v) => v.name)).not.toContain('電話番号');
  });
});

describe('an English contacts list', () => {
  const text = [
    '# Release',
    '',
    '| Item | Value |',
    '|---|---|',
    '| **Operator** | [Name] |',
    '| **Approver** | [Name] |',
    '',
    '## Contacts',
    '',
    '- Release manager: <name> <phone>',
    '- On-call DBA: <name> <phone>',
    '',
    '## Phase 1: Go (5 min)',
    '',
    '### 1.1 Check',
    '',
    '```bash',
    'echo ok',
    '```',
    '',
  ].join('\n');
  const vars = parseRunbook(text).variables.map((v) => v.name);
  it('names each person by role', () => {
    expect(vars).toEqual(
      expect.arrayContaining([
        'Operator.Name',
        'Approver.Name',
        'Release manager.name',
        'Release manager.phone',
        'On-call DBA.name',
        'On-call DBA.phone',
      ]),
    );
    expect(vars).not.toContain('name');
    expect(vars).not.toContain('Name');
  });
});

describe('what is not a person', () => {
  it('a reason placeholder after a label stays one variable', () => {
    const vars = parseRunbook(
      ['# R', '', '- 理由: [理由を記載]', '- 別の理由: [理由を記載]', ''].join('\n'),
    ).variables.map((v) => v.name);
    expect(vars).toContain('理由を記載');
    expect(vars.filter((n) => n.includes('.'))).toEqual([]);
  });
});
