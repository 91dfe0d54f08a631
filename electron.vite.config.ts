import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp';

/** The built page carries the strict CSP itself (the desktop app loads it from a file, with no headers).
 *  Dev mode is left without it because the React refresh preamble is an inline script. */
function cspMeta(): Plugin {
  return {
    name: 'tejun-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

export default defineConfig({
  main: { build: { externalizeDeps: true } },
  preload: {
    // A sandboxed preload cannot require packages, so zod and the contract are bundled into it (CommonJS).
    build: { externalizeDeps: false, rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } } },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react(), cspMeta()],
  },
});
