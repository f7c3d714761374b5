// The one device every journey runs on: a small Android phone in Kendari. Shared by
// playwright.config.ts and the helpers that open extra contexts (browser.newContext does
// not inherit the config's `use`).
import type { BrowserContextOptions } from '@playwright/test'

// E2E_PORT lets two suites run side by side (each with its own SMTP port, data,
// mailbox and build folders, derived from it).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210)
export const E2E_SMTP_PORT = E2E_PORT - 3210 + 2525
export const E2E_SUFFIX = E2E_PORT === 3210 ? '' : `-${E2E_PORT}`
// "localhost", never 127.0.0.1: React Router rejects form posts whose Origin differs
// from the host the app was reached on.
export const BASE_URL = `http://localhost:${E2E_PORT}`

export const phone = {
  viewport: { width: 360, height: 740 },
  screen: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'id-ID',
  timezoneId: 'Asia/Makassar',
  baseURL: BASE_URL,
} satisfies BrowserContextOptions
