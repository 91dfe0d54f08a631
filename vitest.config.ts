import { defineConfig } from 'vitest/config';

// Two projects, one run: `npx vitest run` runs both. The renderer's logic runs in jsdom (a DOM, no browser);
// everything else in Node, where a DOM global would hide a layering mistake.
const renderer = ['src/renderer/**/*.test.ts', 'src/renderer/**/*.test.tsx'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['src/**/*.test.ts', '*.test.ts'], exclude: renderer, environment: 'node' },
      },
      { extends: true, test: { name: 'renderer', include: renderer, environment: 'jsdom' } },
    ],
  },
});
