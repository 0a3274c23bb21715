import { defineConfig, type ViteUserConfig } from 'vitest/config';

const config: ViteUserConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests need a build, the demo report and Chromium: `npm run test:browser`.
    exclude: ['test/browser/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    // The library keeps no module-level state (DESIGN, principle 6; the gemm packing cache is
    // re-entrant), so test files can share a worker's module cache: on 2 cores this cuts the
    // suite from ~105 s to ~75 s (import and transform once per worker, not once per file).
    isolate: false,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});

export default config;
