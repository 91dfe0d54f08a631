// Builds the `tejun` command (CLI + web host + core) for Node. Dependencies stay external, loaded from node_modules.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'src/cli/index.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { format: 'es', entryFileNames: 'index.mjs' } },
  },
});
