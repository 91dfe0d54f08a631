import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp';

/** The page's CSP meta tag must equal the shared policy (the web host sends the same as a header).
 *  Dev mode drops it because the React refresh preamble is an inline script; builds keep it. */
function cspMeta(): Plugin {
  const meta = /\s*<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/>/;
  return {
    name: 'tejun-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const found = meta.exec(html);
        if (!found || found[1] !== CONTENT_SECURITY_POLICY)
          throw new Error('src/renderer/index.html: the CSP meta tag differs from src/shared/csp.ts; make them equal.');
        return ctx.server ? html.replace(meta, '') : html;
      },
    },
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
