import { useSearchParams } from 'react-router'
import { defineText, useText } from '../i18n/text'
import { IDLE_SIGN_IN_PARAM, IDLE_SIGN_IN_VALUE } from '../lib/sessionEnded'
import { Notice } from './Notice'

const text = defineText({
  id: {
    idle: 'Sesi berakhir karena tidak ada aktivitas. Masuk lagi untuk kembali ke halaman tadi.',
  },
  en: {
    idle: 'Your session ended because of inactivity. Sign in again to return to the page you were on.',
  },
})

/** On the sign-in page, when the previous session ended for inactivity. */
export function SessionEndedNotice() {
  const t = useText(text)
  const [params] = useSearchParams()
  if (params.get(IDLE_SIGN_IN_PARAM) !== IDLE_SIGN_IN_VALUE) return null
  return <Notice kind="warning">{t.idle}</Notice>
}
