import { describe, expect, it } from 'vitest';
import { contactsTable, personValue, resolveContact, telHref } from './contacts';
import type { Variable } from './model';

const v = (name: string): Variable => ({
  name,
  source: 'placeholder',
  description: null,
  default: null,
  secret: false,
  declared: false,
  occurrences: [],
});

describe('contacts by role', () => {
  const values = {
    'リリース責任者.氏名': '佐藤',
    'リリース責任者.電話番号': '090-1234-5678',
    'インフラ担当.氏名': '鈴木',
  };
  it('turns a contact’s placeholders into its role’s values, never another role’s', () => {
    expect(resolveContact({ role: 'リリース責任者', name: '[氏名]', phone: '[電話番号]', line: 1 }, values)).toEqual({
      name: '佐藤',
      phone: '090-1234-5678',
    });
    expect(resolveContact({ role: 'インフラ担当', name: '[氏名]', phone: '[電話番号]', line: 2 }, values)).toEqual({
      name: '鈴木',
      phone: '',
    });
    expect(personValue('Release manager', '<name>', { 'Release manager.name': 'Kim' })).toBe('Kim');
    expect(personValue('X', '山田', {})).toBe('山田');
  });
  it('dials only what holds a number', () => {
    expect(telHref('090-1234-5678')).toBe('tel:09012345678');
    expect(telHref('+81 3 1234 5678')).toBe('tel:+81312345678');
    expect(telHref('[電話番号]')).toBeNull();
  });
  it('groups role variables into rows with one column per word', () => {
    const t = contactsTable([v('作業者.氏名'), v('VERSION'), v('リリース責任者.氏名'), v('リリース責任者.電話番号')]);
    expect(t.rows.map((r) => r.role)).toEqual(['作業者', 'リリース責任者']);
    expect(t.words).toEqual(['氏名', '電話番号']);
    expect(t.rest.map((x) => x.name)).toEqual(['VERSION']);
  });
});

describe('withValues', async () => {
  const { withValues } = await import('./variables');
  it('shows the session’s VERSION where the runbook wrote v[X.X.X], with one v', () => {
    expect(withValues('v[X.X.X]', { VERSION: 'v2.4.0' })).toBe('v2.4.0');
    expect(withValues('v[X.X.X]', { VERSION: '2.4.0' })).toBe('v2.4.0');
    expect(withValues('v[X.X.X]', {})).toBe('v[X.X.X]');
    expect(withValues('v3.1.0', { VERSION: '9.9.9' })).toBe('v3.1.0');
  });
});
