import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Browser checks (headless Chromium through playwright-core): the Web Worker example and
 * the demo report. Not part of `npm test`; needs `npm run build` and `npm run demo` first:
 *   npm run build && npm run demo && npx vitest run --config vitest.browser.config.ts
 */
const config: ViteUserConfig = defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});

export default config;
