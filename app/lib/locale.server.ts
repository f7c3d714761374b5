import { createCookie } from 'react-router'
import type { Locale } from '../i18n/text'

export const localeCookie = createCookie('latih_lang', { path: '/', sameSite: 'lax', maxAge: 365 * 86_400, httpOnly: true })

export async function getLocale(request: Request): Promise<Locale> {
  const value: unknown = await localeCookie.parse(request.headers.get('Cookie'))
  return value === 'en' ? 'en' : 'id'
}
