import { describe, expect, it } from 'vitest';
import { compileLinear, MAX_PATTERN_LENGTH, PatternRefused, patternProblem } from './linearRegex';

// CPU time of this process, not wall time: on a loaded machine the wait for a core is not the regex's cost.
const cpuSince = (u: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(u);
  return (d.user + d.system) / 1000;
};

describe('compileLinear', () => {
  it('runs the patterns runbooks write, with JavaScript syntax and flags', () => {
    expect(compileLinear('CUST-\\d{6}').replace('order CUST-123456 ok', () => 'X')).toBe('order X ok');
    expect(compileLinear('^ok\\b', 'im').test('status\nOK done')).toBe(true);
    expect(compileLinear('(?<id>\\w+)-(\\d)').replace('ab-1 cd-2', (m) => `[${m}]`)).toBe('[ab-1] [cd-2]');
    expect(compileLinear('\\u00e9t\\u00e9').test('été')).toBe(true);
    expect(compileLinear('[(]x[)]').test('(x)')).toBe(true);
  });

  it('finishes (a+)+$ on 10 KB of a’s well under 100 ms, matching or not', () => {
    const re = compileLinear('(a+)+$'); // compiled once per runbook; the bound is on matching
    const as = 'a'.repeat(10 * 1024);
    const t = process.cpuUsage();
    expect(re.replace(`${as}!`, () => 'X')).toBe(`${as}!`);
    expect(re.test(`${as}!`)).toBe(false);
    expect(re.replace(as, () => 'X')).toBe('X');
    expect(cpuSince(t)).toBeLessThan(100);
  });

  it.each([
    ['(a)\\1', /backreferences/],
    ['(?<x>a)\\k<x>', /backreferences/],
    ['foo(?=bar)', /lookaround/],
    ['(?<!x)y', /lookaround/],
    ['(unclosed', /not a valid regular expression \(missing closing \)/],
    ['x'.repeat(MAX_PATTERN_LENGTH + 1), /too long/],
  ])('refuses %s by name', (source, why) => {
    expect(() => compileLinear(source)).toThrow(PatternRefused);
    expect(patternProblem(source, '', 'en')).toMatch(why);
    expect(patternProblem(source, '', 'ja')).toBeTruthy();
  });

  it('reads escapes and classes before refusing: \\\\1 and [(?=] are plain text', () => {
    expect(compileLinear('\\\\1').test('a\\1')).toBe(true);
    expect(compileLinear('[(?=]+').test('?=')).toBe(true);
  });

  it('replaces nothing for an empty match, and never loops on one', () => {
    expect(compileLinear('x*').replace('abxxc', () => 'Y')).toBe('abYc');
    expect(compileLinear('^$', 'm').replace('a\n\nb', () => 'Y')).toBe('a\n\nb');
  });

  it('refuses flags it cannot honour', () => {
    expect(patternProblem('a', 'y', 'en')).toMatch(/flag "y"/);
  });
});
