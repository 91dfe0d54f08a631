import { describe, expect, it } from 'vitest';
import { CHANNELS } from './contract';
import { mayCall, ROLE_TABLE } from './contractRoles';
import { REMOTE_ROLES } from './review';

// What a person who joined from their own machine must never reach: files, the terminal, the host's disk,
// settings, and anything that changes the session except their own signed decisions and notes.
const FORBIDDEN_TO_REMOTE = [
  'runbook:openPath',
  'runbook:openBytes',
  'runbook:pick',
  'runbook:current',
  'terminal:create',
  'terminal:input',
  'terminal:resize',
  'terminal:close',
  'terminal:ack',
  'terminal:detach',
  'terminal:waiting',
  'terminal:end',
  'terminal:takeover',
  'evidence:export',
  'evidence:signOff',
  'evidence:countersign',
  'evidence:note',
  'evidence:verify',
  'upload:begin',
  'upload:chunk',
  'upload:end',
  'settings:get',
  'settings:update',
  'session:command',
  'session:open',
  'session:create',
  'session:list',
  'step:run',
  'invite:open',
  'invite:create',
  'invite:revoke',
  'invite:close',
] as const;

describe('the role table', () => {
  it('declares who may call every request of the contract, and nothing else', () => {
    expect(Object.keys(ROLE_TABLE).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) expect(ROLE_TABLE[c].length, c).toBeGreaterThan(0);
  });

  it('keeps every remote role away from files, the terminal, exports, settings and the session itself', () => {
    for (const role of REMOTE_ROLES)
      for (const c of FORBIDDEN_TO_REMOTE) expect(mayCall(c, role), `${role} → ${c}`).toBe(false);
  });

  it('lets someone holding an invite do nothing but read the code and join', () => {
    expect(CHANNELS.filter((c) => mayCall(c, 'invitee')).sort()).toEqual(['review:hello', 'review:join']);
  });

  it('lets a watcher look but not decide, and the operator not confirm for a checker', () => {
    expect(mayCall('review:view', 'watcher')).toBe(true);
    expect(mayCall('review:decide', 'watcher')).toBe(false);
    expect(mayCall('review:decide', 'checker')).toBe(true);
    expect(mayCall('review:decide', 'operator')).toBe(false);
  });
});
