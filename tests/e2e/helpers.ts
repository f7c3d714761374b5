// Helpers for the journeys: accessibility checks, screenshots, JavaScript-off contexts,
// and test data (valid NIKs, unique e-mails).
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, expect, test } from '@playwright/test'
import { phone } from './phone'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const SCREENSHOT_DIR = resolve(ROOT, 'tests/.artifacts/screenshots')

/** The demo staff accounts that SEED_DEMO=true creates (server/db/seed.ts). */
export const DEMO_PASSWORD = 'Latih-Demo-2026'
export const demoStaff = {
  administrator: 'admin@bpvp-kendari.test',
  kioskOfficer: 'petugas@bpvp-kendari.test',
  selectionCommittee: 'panitia@bpvp-kendari.test',
  interviewer: 'pewawancara@bpvp-kendari.test',
  organiser: 'penyelenggara@bpvp-kendari.test',
} as const

// Contexts opened with JavaScript off: axe cannot run in them (page.evaluate never
// returns), so checkA11y checks their HTML in a JavaScript-enabled context instead.
const noJsContexts = new WeakSet<BrowserContext>()

/** A phone-sized context with JavaScript disabled: what a user on a failed or slow script load gets. */
export async function newNoJsContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...phone, ...options, javaScriptEnabled: false })
  noJsContexts.add(context)
  return context
}

/** A phone-sized context with JavaScript on (e.g. a second user beside the test's own page). */
export function newPhoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...phone, ...options })
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Run axe (WCAG 2.1 A and AA) on the page as it is now, and fail with a readable list
 * of violations. For a JavaScript-off page, the exact HTML it shows (scripts removed) is
 * checked in a JavaScript-enabled context with the same cookies, at the same URL.
 */
export async function checkA11y(page: Page, name: string): Promise<void> {
  const context = page.context()
  if (!noJsContexts.has(context)) {
    await expectNoA11yViolations(page, name)
    return
  }
  const url = page.url()
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
  const browser = context.browser()
  if (!browser) throw new Error('checkA11y: the JavaScript-off context has no browser')
  const checker = await browser.newContext({ ...phone, storageState: await context.storageState() })
  try {
    const copy = await checker.newPage()
    // Serve the snapshot for this one document; styles and images still load from the app.
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }), {
      times: 1,
    })
    await copy.goto(url)
    await expectNoA11yViolations(copy, `${name} (JavaScript off)`)
  } finally {
    await checker.close()
  }
}

async function expectNoA11yViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
  if (results.violations.length === 0) return
  await test.info().attach(`axe-${name}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  })
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n')
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : ''
      return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`
    })
    .join('\n')
  throw new Error(`Accessibility violations on "${name}" (${page.url()}):\n${report}`)
}

/** Save a full-page PNG as tests/.artifacts/screenshots/<name>.png (kept as a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = resolve(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`)
  await page.screenshot({ path, fullPage: true })
}

/** Mobile-first: nothing may force sideways scrolling at 360 px (JavaScript-enabled pages only). */
export async function expectFitsPhoneWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return root.scrollWidth - root.clientWidth
  })
  expect(overflow, `${page.url()} is wider than the phone screen by ${overflow}px`).toBeLessThanOrEqual(0)
}

const issuedNiks = new Set<string>()
const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * A valid NIK from Kota Kendari, Kecamatan Mandonga (74 71 01), for someone about 25
 * years old (birth date within the 25th year before today), with a random serial
 * (never 0000). Unique within the process; collisions across workers are negligible.
 */
export function uniqueNik(options: { sex?: 'male' | 'female'; today?: Date } = {}): string {
  const today = options.today ?? new Date()
  for (;;) {
    const birth = new Date(Date.UTC(today.getUTCFullYear() - 25, today.getUTCMonth(), today.getUTCDate()))
    birth.setUTCDate(birth.getUTCDate() - Math.floor(Math.random() * 360))
    const day = birth.getUTCDate() + (options.sex === 'female' ? 40 : 0)
    const serial = 1 + Math.floor(Math.random() * 9999)
    const nik = `747101${pad(day)}${pad(birth.getUTCMonth() + 1)}${pad(birth.getUTCFullYear() % 100)}${pad(serial, 4)}`
    if (!issuedNiks.has(nik)) {
      issuedNiks.add(nik)
      return nik
    }
  }
}

let emailCounter = 0

/** A unique address per call and run, e.g. kandidat.m3x1k2a7-1@latih.test. */
export function uniqueEmail(prefix = 'kandidat'): string {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`
  return `${prefix}.${stamp}-${++emailCounter}@latih.test`
}
