import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROME_PATH, CHROMIUM_FLAGS } from './a11y-tests/support/chromium';

if (!existsSync(CHROME_PATH)) {
  throw new Error(
    `No Chromium at ${CHROME_PATH}. Install it with "apt-get install -y chromium" or set CHROME_PATH.`,
  );
}

const port = Number(process.env.KINDLY_TEST_PORT ?? 4180);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'a11y-tests',
  testMatch: '**/*.spec.ts',
  testIgnore: '**/screen-reader/**',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: 2,
  reporter: [['list'], ['json', { outputFile: '.kindly-tmp/playwright-results.json' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROME_PATH,
      args: [...CHROMIUM_FLAGS],
    },
    serviceWorkers: 'block',
    trace: 'off',
  },
  // The real server, serving the built app from dist/ with a throwaway database.
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(port), HOST: '127.0.0.1' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
