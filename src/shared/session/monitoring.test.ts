import { describe, expect, it } from 'vitest';
import { judgeRange, offsetMinutes } from './monitoring';

describe('offsetMinutes', () => {
  it.each([
    ['リリース直後', 0],
    ['+30分', 30],
    ['+1時間', 60],
    ['+24時間', 1440],
    ['+90 min', 90],
    ['T+2h', 120],
    ['+1日', 1440],
    ['同上', null],
    ['', null],
  ])('%s → %s', (label, minutes) => expect(offsetMinutes(label)).toBe(minutes));
});

describe('judgeRange', () => {
  it.each([
    ['0.1%以下', '0.05', 'ok'],
    ['0.1%以下', '0.3 %', 'out'],
    ['3秒以内', '2.9', 'ok'],
    ['3秒以内', '3.4秒', 'out'],
    ['80%未満', '80', 'out'],
    ['99.9%以上', '99.95', 'ok'],
    ['≤ 80%', '81', 'out'],
    ['< 3s', '1', 'ok'],
    ['at most 5', '6', 'out'],
    ['10〜20', '15', 'ok'],
    ['10〜20', '21', 'out'],
    ['normal', '12', null],
    ['0.1%以下', 'わからない', null],
    ['0.1%以下', '', null],
  ])('%s with %s → %s', (range, v, verdict) => expect(judgeRange(range, v)).toBe(verdict));
});
