import { useEffect, useRef, useState } from 'react'
import { defineText, useText } from '../i18n/text'

const text = defineText({
  id: {
    remaining: 'Sisa waktu',
    over: 'Waktu habis',
    day: 'hari',
    hour: 'jam',
    minute: 'menit',
    second: 'detik',
    lessThanMinute: 'kurang dari 1 menit',
    fiveLeft: 'Sisa waktu 5 menit.',
    oneLeft: 'Sisa waktu 1 menit.',
  },
  en: {
    remaining: 'Time left',
    over: 'Time is up',
    day: 'days',
    hour: 'h',
    minute: 'min',
    second: 's',
    lessThanMinute: 'less than 1 minute',
    fiveLeft: '5 minutes left.',
    oneLeft: '1 minute left.',
  },
})

type Units = { day: string; hour: string; minute: string; second: string; lessThanMinute: string }

/** '2 hari 3 jam', '1 jam 5 menit', '23 menit', '1 menit 30 detik' (seconds only near the end). */
export function formatRemaining(ms: number, t: Units, withSeconds: boolean): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const days = Math.floor(total / 86_400)
  const hours = Math.floor((total % 86_400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  if (days > 0) return `${days} ${t.day}${hours ? ` ${hours} ${t.hour}` : ''}`
  if (hours > 0) return `${hours} ${t.hour}${minutes ? ` ${minutes} ${t.minute}` : ''}`
  if (withSeconds && minutes < 2) return minutes > 0 ? `${minutes} ${t.minute} ${seconds} ${t.second}` : `${seconds} ${t.second}`
  return minutes > 0 ? `${minutes} ${t.minute}` : t.lessThanMinute
}

/**
 * The time left of an attempt. The server's clock decides: the page is rendered with
 * the remaining time at the server's `now`, and the browser only counts down from the
 * moment it received that (its own clock may be wrong by hours). Each page load sends
 * a fresh `now`, so the countdown re-syncs; at zero `onExpire` asks the server again.
 */
export function Countdown({ endsAt, now, onExpire }: { endsAt: Date | string; now: Date | string; onExpire?: () => void }) {
  const t = useText(text)
  const end = new Date(endsAt).getTime()
  const serverNow = new Date(now).getTime()
  const [remaining, setRemaining] = useState(end - serverNow)
  const [live, setLive] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const expired = useRef(false)
  const onExpireRef = useRef(onExpire)
  onExpireRef.current = onExpire

  useEffect(() => {
    const receivedAt = performance.now()
    const initial = end - serverNow
    expired.current = false
    setLive(true)
    let lastMinute = Math.ceil(initial / 60_000)
    const tick = () => {
      const left = initial - (performance.now() - receivedAt)
      setRemaining(left)
      const minute = Math.ceil(left / 60_000)
      if (minute !== lastMinute) {
        if (minute === 5) setAnnouncement(t.fiveLeft)
        if (minute === 1) setAnnouncement(t.oneLeft)
        lastMinute = minute
      }
      if (left <= 0 && !expired.current) {
        expired.current = true
        onExpireRef.current?.()
      }
    }
    tick()
    const timer = window.setInterval(tick, 1000)
    return () => window.clearInterval(timer)
  }, [end, serverNow, t.fiveLeft, t.oneLeft])

  return (
    <p className="countdown">
      <strong role="timer" aria-atomic="true">
        {remaining <= 0 ? t.over : `${t.remaining}: ${formatRemaining(remaining, t, live)}`}
      </strong>
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </p>
  )
}
