// Builds the `tejun` command (CLI + web host + core) for Node. Dependencies stay external, loaded from node_modules.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { index: 'src/cli/index.ts', core: 'src/core/index.ts', server: 'src/server/index.ts' },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});
