// A terminal's shell integration: marks arriving (active), not yet (pending), lost inside ssh or tmux (nested),
// or none to be had (unavailable).
export const INTEGRATION_STATES = ['pending', 'active', 'nested', 'unavailable'] as const;

export type IntegrationState = (typeof INTEGRATION_STATES)[number];
