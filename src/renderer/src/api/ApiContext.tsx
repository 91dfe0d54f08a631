// Components reach core only through useApi(): the seam where IPC or WebSocket plugs in.
import { createContext, useContext, type ReactNode } from 'react';
import type { Transport } from './transports';

const ApiContext = createContext<Transport | null>(null);

export function ApiProvider({ api, children }: { api: Transport; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Transport {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>');
  return api;
}
