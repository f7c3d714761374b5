import type { Config } from '@react-router/dev/config'

export default {
  ssr: true,
  // Server dependencies (PGlite's WASM, argon2's native binary) stay external.
  future: { v8_middleware: false },
} satisfies Config
