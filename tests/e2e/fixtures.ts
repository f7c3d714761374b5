// The `test` every journey imports: Playwright's, plus
//  - `noJsPage`: a phone-sized page with JavaScript disabled (its own context, closed after);
//  - a guard on `page` that fails the test when the page throws, logs console.error
//    (hydration mismatches, broken enhancement scripts) or fails to load a script, style
//    or image, unless `allowedConsoleErrors` matches the message;
//  - `formPage`: a phone-sized page guarded alike, except that the 4xx data responses a
//    JavaScript-on form gets when its input is refused are expected there;
//  - `noJsFormPage`: the same with JavaScript off;
//  - `mailbox`: read the mail the app sent to the SMTP peer.
import { type Page, test as base, expect } from '@playwright/test'
import { newNoJsContext } from './helpers'
import { openGuardedPage } from './journeys/guard'
import { extractLink, readMailbox, waitForMail } from './mailbox'

export interface E2eFixtures {
  noJsPage: Page
  formPage: Page
  noJsFormPage: Page
  /** Console errors matching one of these do not fail the test (`test.use({ allowedConsoleErrors: [...] })`). */
  allowedConsoleErrors: RegExp[]
  mailbox: { waitForMail: typeof waitForMail; extractLink: typeof extractLink; readMailbox: typeof readMailbox }
}

export const test = base.extend<E2eFixtures>({
  allowedConsoleErrors: [[], { option: true }],

  page: async ({ page, allowedConsoleErrors }, use) => {
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      const text = message.text()
      // Chromium logs failed loads without their URL; the response check below names them.
      if (text.startsWith('Failed to load resource:')) return
      if (!allowedConsoleErrors.some((re) => re.test(text))) problems.push(`console.error: ${text}`)
    })
    page.on('response', (response) => {
      const request = response.request()
      // A document may be an expected 404/400 page; a broken script, style or image is not.
      // The browser's automatic /favicon.ico probe is not the page's doing.
      if (response.status() < 400 || request.resourceType() === 'document') return
      if (new URL(response.url()).pathname === '/favicon.ico') return
      problems.push(`failed to load ${request.resourceType()} ${response.url()}: ${response.status()}`)
    })
    await use(page)
    expect(problems, `the page reported errors:\n${problems.join('\n')}`).toEqual([])
  },

  noJsPage: async ({ browser }, use) => {
    const context = await newNoJsContext(browser)
    const page = await context.newPage()
    await use(page)
    await context.close()
  },

  formPage: async ({ browser }, use) => {
    const guarded = await openGuardedPage(browser, { allowFormRefusals: true })
    await use(guarded.page)
    await guarded.context.close()
    expect(guarded.problems, `the page reported errors:\n${guarded.problems.join('\n')}`).toEqual([])
  },

  noJsFormPage: async ({ browser }, use) => {
    const guarded = await openGuardedPage(browser, { js: false })
    await use(guarded.page)
    await guarded.context.close()
    expect(guarded.problems, `the JavaScript-off page reported errors:\n${guarded.problems.join('\n')}`).toEqual([])
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  mailbox: async ({}, use) => {
    await use({ waitForMail, extractLink, readMailbox })
  },
})

export { expect }
