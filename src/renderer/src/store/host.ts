// What the host told us about itself: app info, the connection, the operator's settings.
import type { StateCreator } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import type { AppInfo } from '../../../shared/contract';
import type { ConnectionState } from '../api/transports';
import type { AppState } from './state';

export interface HostSlice {
  info: AppInfo | null;
  connection: ConnectionState;
  settings: Settings;
  setInfo(info: AppInfo): void;
  setConnection(state: ConnectionState): void;
  setSettings(settings: Settings): void;
}

export const createHostSlice: StateCreator<AppState, [], [], HostSlice> = (set) => ({
  info: null,
  connection: 'connecting',
  settings: DEFAULT_SETTINGS,
  setInfo: (info) => set({ info }),
  setConnection: (connection) => set({ connection }),
  setSettings: (settings) => set({ settings }),
});
