import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [reactRouter()],
  resolve: { tsconfigPaths: true },
  server: { port: Number(process.env.PORT ?? 3000) },
  // Keep server-only packages out of the browser dependency optimiser (else the dev
  // server reloads on first visit).
  optimizeDeps: { exclude: ['@electric-sql/pglite', 'pg', 'drizzle-orm', '@node-rs/argon2'] },
  ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2', 'pdfmake', 'nodemailer'] },
})
