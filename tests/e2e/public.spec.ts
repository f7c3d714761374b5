// A visitor on a phone: the home page, the programme catalogue, the language switch
// (Indonesian ⇄ English) with JavaScript on and off, and an unknown address. Every page
// is checked with axe.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { checkA11y, expectFitsPhoneWidth, screenshot } from './helpers'

async function expectIndonesianHome(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'id')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pelatihan gratis BPVP Kendari')
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1)
  await expect(page.getByRole('link', { name: 'Lihat program yang dibuka' })).toHaveAttribute('href', '/program')
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Masuk' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Langkah pendaftaran' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible()
}

async function expectEnglishHome(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Free training at BPVP Kendari')
  await expect(page.getByRole('link', { name: 'See open programmes' })).toHaveAttribute('href', '/program')
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'How to register' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Bahasa Indonesia' })).toBeVisible()
}

test.describe('public pages', () => {
  test('the home page is in Indonesian, fits a phone and is accessible', async ({ page }) => {
    const response = await page.goto('/')
    expect(response?.status()).toBe(200)
    await expectIndonesianHome(page)
    // The page is server-rendered: the text is in the HTML, not added by scripts.
    expect(await response?.text()).toContain('Pelatihan gratis BPVP Kendari')
    await expectFitsPhoneWidth(page)
    await checkA11y(page, 'home-id')
    await screenshot(page, 'home-id')

    // The first Tab reaches the skip link, which leads to the main content.
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Langsung ke isi' })
    await expect(skip).toBeFocused()
    await expect(skip).toHaveAttribute('href', '#main')
  })

  test('the catalogue lists the open demo batches, with JavaScript on and off', async ({ page, noJsPage }) => {
    await page.goto('/')
    await page.getByRole('link', { name: 'Lihat program yang dibuka' }).click()
    await expect(page).toHaveURL(/\/program$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Program pelatihan')
    // SEED_DEMO opens four batches, each with a link to its page.
    await expect(page.locator('main a[href^="/gelombang/"]').first()).toBeVisible()
    await expectFitsPhoneWidth(page)
    await checkA11y(page, 'catalogue')
    await screenshot(page, 'catalogue')

    const response = await noJsPage.goto('/program')
    expect(response?.status()).toBe(200)
    await expect(noJsPage.getByRole('heading', { level: 1 })).toHaveText('Program pelatihan')
    await expect(noJsPage.locator('main a[href^="/gelombang/"]').first()).toBeVisible()
    await checkA11y(noJsPage, 'catalogue-nojs')
  })

  test('switches to English and back, and remembers the choice (JavaScript on)', async ({ page, context }) => {
    await page.goto('/?sumber=brosur')
    await page.getByRole('button', { name: 'English' }).click()
    await expectEnglishHome(page)
    // Back on the same page, query included.
    await expect(page).toHaveURL(/\/\?sumber=brosur$/)
    await expectFitsPhoneWidth(page)
    await checkA11y(page, 'home-en')
    await screenshot(page, 'home-en')

    const cookie = (await context.cookies()).find((c) => c.name === 'latih_lang')
    expect(cookie, 'the language is kept in a cookie').toBeTruthy()
    expect(cookie?.httpOnly).toBe(true)
    await page.reload()
    await expectEnglishHome(page)

    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click()
    await expectIndonesianHome(page)
    await expect(page).toHaveURL(/\/\?sumber=brosur$/)
  })

  test('switches to English and back with JavaScript off', async ({ noJsPage }) => {
    const response = await noJsPage.goto('/')
    expect(response?.status()).toBe(200)
    await expectIndonesianHome(noJsPage)
    await checkA11y(noJsPage, 'home-id-nojs')

    // A plain form post, answered with a redirect back to the page.
    await noJsPage.getByRole('button', { name: 'English' }).click()
    await expect(noJsPage).toHaveURL(/\/$/)
    await expectEnglishHome(noJsPage)
    await checkA11y(noJsPage, 'home-en-nojs')
    await screenshot(noJsPage, 'home-en-nojs')

    await noJsPage.getByRole('button', { name: 'Bahasa Indonesia' }).click()
    await expectIndonesianHome(noJsPage)
  })

  test('the language switch never redirects to another site', async ({ request }) => {
    for (const target of ['https://contoh.example/', '//contoh.example/', '/\\contoh.example']) {
      const response = await request.post('/bahasa', { form: { lang: 'en', ke: target }, maxRedirects: 0 })
      expect(response.status(), `ke=${target}`).toBe(302)
      expect(response.headers()['location'], `ke=${target}`).toBe('/')
    }
  })

  test('an unknown address shows an accessible "not found" page', async ({ page, noJsPage }) => {
    const response = await page.goto('/halaman-yang-tidak-ada')
    expect(response?.status()).toBe(404)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak ditemukan')
    await checkA11y(page, 'not-found-id')
    await screenshot(page, 'not-found-id')
    await page.getByRole('link', { name: 'Kembali ke beranda' }).click()
    await expectIndonesianHome(page)

    const noJs = await noJsPage.goto('/halaman-yang-tidak-ada')
    expect(noJs?.status()).toBe(404)
    await expect(noJsPage.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak ditemukan')
    await checkA11y(noJsPage, 'not-found-id-nojs')
  })
})
