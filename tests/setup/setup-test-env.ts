import { afterAll, vi } from 'vitest'
import { setDeploymentSecretForTests } from '../../server/auth/crypto'

// Tests fail loudly: an unexpected console.error or an unhandled rejection is a failure.
setDeploymentSecretForTests('test-secret-that-is-long-enough-for-hkdf-0123456789')
process.env.PUBLIC_URL ??= 'http://localhost:3000'

const consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  throw new Error(`console.error called in a test: ${args.map(String).join(' ')}`)
})
afterAll(() => consoleError.mockRestore())
