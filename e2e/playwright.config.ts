import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './harness/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // The harness's bridge client is built for tests only, never into out/renderer.
  globalSetup: './harness/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  // Under CI a spec that fails once is run again; the summary line of
  // scripts/test-all.mjs names every such flaky spec so it gets mended.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: false,
  outputDir: '../test-results/e2e',
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  use: {
    viewport: { width: 1200, height: 760 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        ...chromiumArgs,
        // The terminals' text is read from the DOM renderer; this also
        // exercises the fallback Warren uses where WebGL2 is missing.
        '--disable-webgl',
      ],
    },
  },
});
