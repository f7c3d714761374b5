import type { Config } from '@react-router/dev/config'

export default {
  ssr: true,
  // BUILD_DIR lets a second e2e suite build without replacing assets a running one serves.
  buildDirectory: process.env.BUILD_DIR ?? 'build',
  // Server dependencies (PGlite's WASM, argon2's native binary) stay external.
  future: { v8_middleware: false },
} satisfies Config
