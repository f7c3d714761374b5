// Decision 025: anonymous public pages are rendered once and served from memory for a
// short time, under a CSP that names their inline scripts by hash (a page shared by every
// visitor cannot carry a per-response nonce). Here, in a real browser against the
// production build: a cached catalogue still hydrates with no CSP violation; a signed-in
// visitor and another language get their own page; an administrator's change shows at once.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { DEMO_PASSWORD, demoStaff } from './helpers'
import { signIn, waitForHydration } from './journeys/candidate'
import { phone } from './phone'

/** Every CSP violation the page reports (the fixture also fails on their console errors). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __cspViolations: string[] }).__cspViolations = seen
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`))
  })
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)
}

test.describe('the public page cache', () => {
  test('a cached catalogue page hydrates under its hashed CSP and navigates in the browser', async ({ page }) => {
    const violations = await watchViolations(page)
    await page.goto('/program')
    const response = await page.goto('/program')
    const headers = response!.headers()
    expect(headers['x-cache']).toBe('hit')
    expect(headers['content-security-policy']).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/)
    expect(headers['content-security-policy']).not.toContain('nonce-')
    expect(headers.vary).toMatch(/Accept-Encoding.*Cookie/)

    await waitForHydration(page)
    // Hydrated: following a batch link fetches only its data, not a new document.
    const link = page.locator('main article h3 a').first()
    const name = (await link.textContent())!.trim()
    const data = page.waitForRequest((r) => r.url().includes('.data'))
    await link.click()
    await data
    await expect(page).toHaveURL(/\/gelombang\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
    expect(await violations()).toEqual([])

    // The batch page opened directly is cached too, and hydrates the same way.
    const batch = await page.goto(page.url())
    expect(['hit', 'miss']).toContain(batch!.headers()['x-cache'])
    await waitForHydration(page)
    expect(await violations()).toEqual([])
  })

  test('another language is its own page; a signed-in visitor goes past the cache', async ({ page }) => {
    await page.goto('/program')
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    const english = await page.goto('/program')
    expect(['hit', 'miss']).toContain(english!.headers()['x-cache'])
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Training programmes')
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'id')

    await signIn(page, demoStaff.administrator, DEMO_PASSWORD)
    await expect(page).toHaveURL(/\/staf$/)
    const signedIn = await page.goto('/program')
    expect(signedIn!.headers()['x-cache']).toBeUndefined()
    expect(signedIn!.headers()['cache-control']).toBe('no-store')
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Beranda staf' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Masuk', exact: true })).toHaveCount(0)
  })

  test("an administrator's change to a programme shows on its cached batch page at once", async ({ page, browser }) => {
    const visitor = await browser.newContext(phone)
    try {
      const catalogue = await visitor.request.get('/program')
      const html = await catalogue.text()
      const batchPath = /href="(\/gelombang\/[0-9a-f-]{36})"/.exec(html)![1]!
      const before = await visitor.request.get(batchPath)
      const name = /<h1>([^<]+)<\/h1>/.exec(await before.text())![1]!

      await signIn(page, demoStaff.administrator, DEMO_PASSWORD)
      await expect(page).toHaveURL(/\/staf$/)
      await page.goto('/admin/program')
      // Listed as "CODE · name".
      await page.getByRole('link', { name: new RegExp(`· ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first().click()
      await expect(page).toHaveURL(/\/admin\/program\/[0-9a-f-]{36}/)
      const renamed = `${name} (diperbarui)`
      const save = async (value: string) => {
        await page.getByLabel('Nama program', { exact: true }).fill(value)
        // Fill the cache just before the change, so a page still cached would be caught. In
        // the full suite other journeys' jobs (announcements, forfeits) also drop cached
        // pages at any moment, so the page is asked for until it is served from the cache.
        await expect.poll(async () => (await visitor.request.get(batchPath)).headers()['x-cache'], { timeout: 8_000 }).toBe('hit')
        const primed = Date.now()
        const posted = page.waitForResponse((r) => r.request().method() === 'POST')
        await page.getByRole('button', { name: 'Simpan perubahan' }).click()
        await posted
        const after = await visitor.request.get(batchPath)
        // Within the cache's lifetime (10 s) only the change itself can have dropped the page.
        expect(Date.now() - primed).toBeLessThan(9_000)
        expect(after.headers()['x-cache']).toBe('miss')
        expect(await after.text()).toContain(`<h1>${value.replace('&', '&amp;')}</h1>`)
      }
      await save(renamed)
      await save(name)
    } finally {
      await visitor.close()
    }
  })
})
