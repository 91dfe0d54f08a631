// The web host's public surface for scripts (the terminal benchmark runs a host in its own process).
export { startWebHost } from './webHost';
export { createCoreHost } from '../core/host';
export { FileSettingsStore } from '../core/settings/settingsStore';
export { createLog } from '../core/log';
