import { useRouteLoaderData } from 'react-router'
import { FALLBACK_TIME_ZONE } from '../../domain/zonedTime'

export const LOCALES = ['id', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/**
 * A page's texts in both languages, kept beside the page. Indonesian is the source;
 * the English table must have the same keys (checked by the type).
 */
export function defineText<T extends Record<string, string>>(d: { id: T; en: { [K in keyof T]: string } }) {
  return d
}

interface RootData {
  locale: Locale
  timeZone: string
}

export function useLocale(): Locale {
  const data = useRouteLoaderData('root') as RootData | undefined
  return data?.locale ?? 'id'
}

export function useText<T extends Record<string, string>>(d: { id: T; en: { [K in keyof T]: string } }): T {
  return d[useLocale()] as T
}

export function useTimeZone(): string {
  const data = useRouteLoaderData('root') as RootData | undefined
  return data?.timeZone ?? FALLBACK_TIME_ZONE
}
