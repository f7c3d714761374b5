import { defineConfig } from 'vitest/config'

// Two projects: fast pure domain tests, and integration tests of use cases against a
// real database (PGlite per test file by default; PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    // 2-core machines: two workers keep PGlite memory in check.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['domain/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/**/*.test.ts', 'app/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/global-setup.ts'],
          setupFiles: ['tests/setup/setup-test-env.ts'],
          // Generous: a busy 2-core machine runs PGlite and argon2 slowly; speed is measured in bench/, not here.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
