import { defineConfig } from '@playwright/test'
import { BASE_URL, E2E_PORT, E2E_SMTP_PORT, E2E_SUFFIX, phone } from './tests/e2e/phone'

// The journeys run against the production build (`react-router build` first), served by
// tests/e2e/serve.ts on a fresh PGlite folder with the demo seed, sending mail over SMTP
// to a local peer (tests/e2e/mailbox.ts), in Debian's Chromium at phone size.
const CI = Boolean(process.env.CI)

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `tests/.artifacts/test-results${E2E_SUFFIX}`,
  // Journeys share one server; two workers on a 2-core machine starve the server and the
  // job worker, so one at a time.
  workers: 1,
  fullyParallel: false,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `tests/.artifacts/reports/playwright${E2E_SUFFIX}.json` }]],
  use: {
    baseURL: BASE_URL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'phone', use: { browserName: 'chromium', ...phone } }],
  webServer: {
    command: 'node --import tsx tests/e2e/serve.ts',
    url: `${BASE_URL}/`,
    // Always a fresh server: the data folder and the mailbox are emptied at its start.
    reuseExistingServer: false,
    // Booting migrates and imports every region of Indonesia into a fresh PGlite: slow on
    // a busy 2-core machine.
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      NODE_ENV: 'production',
      PORT: String(E2E_PORT),
      DATA_DIR: `tests/.artifacts/e2e-data${E2E_SUFFIX}`,
      PUBLIC_URL: BASE_URL,
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      SEED_DEMO: 'true',
      JOB_WORKER: 'true',
      // Every journey signs up from 127.0.0.1, like a whole lab behind one address
      // (decision 018); the sign-up limit itself is tested on a server of its own.
      SIGN_UPS_PER_ADDRESS_HOUR: '100000',
    },
  },
})
