import { defineConfig, type ViteUserConfig } from 'vitest/config';

const config: ViteUserConfig = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests need a build, the demo report and Chromium: `npm run test:browser`.
    exclude: ['test/browser/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});

export default config;
