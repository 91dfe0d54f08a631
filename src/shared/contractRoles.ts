// Who may call each request of the contract. The type makes a new request impossible to add without
// saying who may call it; core enforces this table in one place (core/review/guard.ts).
import type { Channel, RoleTable } from './contract';
import type { Caller } from './review';

const OPERATOR = ['operator'] as const;
const EVERYONE = ['operator', 'approver', 'checker', 'watcher'] as const;
const REMOTE = ['approver', 'checker', 'watcher'] as const;

export const ROLE_TABLE: RoleTable = {
  'app:info': EVERYONE,
  'settings:get': OPERATOR,
  'settings:update': OPERATOR,
  'runbook:current': OPERATOR,
  'runbook:openPath': OPERATOR,
  'runbook:openBytes': OPERATOR,
  'runbook:pick': OPERATOR,
  'terminal:create': OPERATOR,
  'terminal:ack': OPERATOR,
  'terminal:input': OPERATOR,
  'terminal:resize': OPERATOR,
  'terminal:close': OPERATOR,
  'terminal:detach': OPERATOR,
  'terminal:waiting': OPERATOR,
  'terminal:end': OPERATOR,
  'terminal:takeover': OPERATOR,
  'session:list': OPERATOR,
  'session:create': OPERATOR,
  'session:open': OPERATOR,
  'step:render': OPERATOR,
  'step:run': OPERATOR,
  'session:redline': OPERATOR,
  'evidence:export': OPERATOR,
  'evidence:signOff': OPERATOR,
  'evidence:countersign': OPERATOR,
  'evidence:note': OPERATOR,
  'evidence:verify': OPERATOR,
  'upload:begin': OPERATOR,
  'upload:chunk': OPERATOR,
  'upload:end': OPERATOR,
  'rehearsal:info': OPERATOR,
  'rehearsal:fault': OPERATOR,
  'invite:open': OPERATOR,
  'invite:create': OPERATOR,
  'invite:list': OPERATOR,
  'invite:revoke': OPERATOR,
  'invite:close': OPERATOR,
  'review:hello': ['invitee'],
  'review:join': ['invitee'],
  'review:view': REMOTE,
  'review:terminals': REMOTE,
  // A watcher may try; the handler refuses what its role may not decide (checker: confirm/hold, approver: all).
  'review:decide': ['approver', 'checker'],
  'review:note': ['approver', 'checker'],
  'session:command': OPERATOR,
};

export function mayCall(channel: Channel, who: Caller): boolean {
  return ROLE_TABLE[channel].includes(who);
}
