// The fixture's `page` guard (tests/e2e/fixtures.ts) for the other pages a journey
// opens: a JavaScript-off page, a second person's phone, or a page that submits wrong
// input on purpose. Collects page errors, console errors and failed script, style or
// image loads; the test asserts the list is empty.
import type { Browser, BrowserContext, Page } from '@playwright/test'
import { newNoJsContext, newPhoneContext } from '../helpers'

export interface GuardOptions {
  /**
   * With JavaScript on, a refused form post is answered by React Router's data request
   * (`<route>.data`) with the action's 4xx status (400 invalid input, 409 conflict, 413
   * too large, 429 locked): an answer the page shows, not a broken asset.
   */
  allowFormRefusals?: boolean
}

export function guardPage(page: Page, options: GuardOptions = {}): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = message.text()
    // Chromium logs failed loads without their URL; the response check below names them.
    if (!text.startsWith('Failed to load resource:')) problems.push(`console.error: ${text}`)
  })
  page.on('response', (response) => {
    const request = response.request()
    const status = response.status()
    if (status < 400 || request.resourceType() === 'document') return
    const url = new URL(response.url())
    if (url.pathname === '/favicon.ico') return
    if (
      options.allowFormRefusals &&
      request.method() === 'POST' &&
      request.resourceType() === 'fetch' &&
      url.pathname.endsWith('.data') &&
      status < 500
    ) {
      return
    }
    problems.push(`failed to load ${request.resourceType()} ${response.url()}: ${status}`)
  })
  return problems
}

export interface GuardedPage {
  context: BrowserContext
  page: Page
  problems: string[]
}

/** A phone-sized page in its own context (JavaScript on or off), guarded as above. */
export async function openGuardedPage(browser: Browser, options: GuardOptions & { js?: boolean } = {}): Promise<GuardedPage> {
  const context = options.js === false ? await newNoJsContext(browser) : await newPhoneContext(browser)
  const page = await context.newPage()
  return { context, page, problems: guardPage(page, options) }
}
