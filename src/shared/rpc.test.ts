import { describe, expect, it } from 'vitest';
import type { Handlers } from './contract';
import { TejunError } from './errors';
import { dispatch, unwrapReply, validateRequest } from './rpc';

describe('validateRequest', () => {
  it('names the field that is wrong', () => {
    expect(() => validateRequest('terminal:resize', { id: 't1', cols: 'wide', rows: 3 })).toThrowError(/field "cols"/);
    try {
      validateRequest('terminal:resize', { id: 't1', cols: 'wide', rows: 3 });
    } catch (e) {
      expect((e as TejunError).code).toBe('INVALID_REQUEST');
      expect((e as TejunError).field).toBe('cols');
    }
  });
  it('refuses extra fields, so nothing unexpected reaches core', () => {
    expect(() => validateRequest('terminal:close', { id: 't1', command: 'rm -rf /' })).toThrowError(
      /Invalid request "terminal:close"/,
    );
  });
  it('refuses unknown channels and lists the known ones', () => {
    expect(() => validateRequest('shell:exec', {})).toThrowError(/Unknown request "shell:exec".*terminal:input/);
    expect(() => validateRequest(42, {})).toThrowError(/Unknown request "number"/);
    expect(() => validateRequest('__proto__', {})).toThrowError(/Unknown request/);
  });
  it('accepts a well-formed request and returns the parsed params', () => {
    expect(validateRequest('terminal:input', { id: 't3', data: 'ls\r' }).params).toEqual({ id: 't3', data: 'ls\r' });
  });
});

describe('dispatch', () => {
  const calls: unknown[] = [];
  const handlers = {
    'terminal:close': (p: unknown) => {
      calls.push(p);
      return null;
    },
    'terminal:input': () => {
      throw new TejunError('TERMINAL_NOT_FOUND', 'Terminal t9 is not open.');
    },
    'app:info': () => {
      throw new Error('boom');
    },
  } as unknown as Handlers<null>;

  it('does not call the handler for an invalid request', async () => {
    const reply = await dispatch(handlers, 'terminal:close', { id: 'nope' }, null);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', field: 'id' } });
    expect(calls).toEqual([]);
  });
  it('carries typed errors across as payloads', async () => {
    expect(await dispatch(handlers, 'terminal:input', { id: 't9', data: 'x' }, null)).toEqual({
      ok: false,
      error: { code: 'TERMINAL_NOT_FOUND', message: 'Terminal t9 is not open.' },
    });
    expect(await dispatch(handlers, 'app:info', {}, null)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected error: boom' },
    });
  });
  it('answers ok with the result', async () => {
    expect(await dispatch(handlers, 'terminal:close', { id: 't1' }, null)).toEqual({ ok: true, result: null });
  });
});

describe('unwrapReply', () => {
  it('returns results and rethrows errors as TejunError', () => {
    expect(unwrapReply({ ok: true, result: 5 })).toBe(5);
    expect(() => unwrapReply({ ok: false, error: { code: 'NOT_FOUND', message: 'gone', file: 'a.md' } })).toThrowError(
      TejunError,
    );
    expect(() => unwrapReply('junk')).toThrowError(/not a reply envelope/);
  });
});
