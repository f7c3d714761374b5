import { describe, expect, it, vi } from 'vitest'
import {
  ARGON2_CONCURRENT,
  ARGON2_MAX_WAIT_MS,
  ARGON2_QUEUE,
  argon2Load,
  hashPassword,
  PasswordWorkBusyError,
  verifyPassword,
} from './password'

describe('the argon2 cap', () => {
  it('runs at most ARGON2_CONCURRENT at once, queues ARGON2_QUEUE, and refuses the rest at once', async () => {
    const hash = await hashPassword('Kendari-Maju-2026')
    let maxRunning = 0
    const events: string[] = []
    const calls = Array.from({ length: 40 }, (_, i) =>
      verifyPassword(hash, i === 0 ? 'Kendari-Maju-2026' : `salah-${i}`).then(
        (ok) => {
          events.push('done')
          return ok
        },
        (error: unknown) => {
          events.push('refused')
          throw error
        },
      ),
    )
    maxRunning = Math.max(maxRunning, argon2Load().running)
    expect(argon2Load()).toEqual({ running: ARGON2_CONCURRENT, waiting: ARGON2_QUEUE })
    const results = await Promise.allSettled(calls)
    const beyondQueue = 40 - ARGON2_CONCURRENT - ARGON2_QUEUE
    // Those beyond the queue were refused, and first: before any verification finished.
    // (On a slow machine a queued call may also give up after ARGON2_MAX_WAIT_MS.)
    expect(results.slice(ARGON2_CONCURRENT + ARGON2_QUEUE).every((r) => r.status === 'rejected')).toBe(true)
    expect(events.slice(0, beyondQueue)).toEqual(Array(beyondQueue).fill('refused'))
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PasswordWorkBusyError)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 503 })
    }
    // The right password still verified (it ran at once), the wrong ones did not.
    expect(results[0]).toEqual({ status: 'fulfilled', value: true })
    expect(results.slice(1).every((r) => r.status === 'rejected' || r.value === false)).toBe(true)
    // Every slot was given back.
    expect(argon2Load()).toEqual({ running: 0, waiting: 0 })
    expect(maxRunning).toBe(ARGON2_CONCURRENT)
    expect(await verifyPassword(hash, 'Kendari-Maju-2026')).toBe(true)
  })

  it('gives up on a call that waited ARGON2_MAX_WAIT_MS for its turn', async () => {
    const hash = await hashPassword('Kendari-Maju-2026')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const running = Array.from({ length: ARGON2_CONCURRENT }, () => verifyPassword(hash, 'salah'))
      const queued = verifyPassword(hash, 'Kendari-Maju-2026')
      expect(argon2Load().waiting).toBe(1)
      vi.advanceTimersByTime(ARGON2_MAX_WAIT_MS)
      await expect(queued).rejects.toBeInstanceOf(PasswordWorkBusyError)
      expect(argon2Load().waiting).toBe(0)
      expect(await Promise.all(running)).toEqual(Array(ARGON2_CONCURRENT).fill(false))
    } finally {
      vi.useRealTimers()
    }
    expect(argon2Load()).toEqual({ running: 0, waiting: 0 })
  })

  it('a hash that cannot be read is a wrong password, not an error, and frees its slot', async () => {
    expect(await verifyPassword('bukan-hash', 'apa saja')).toBe(false)
    expect(argon2Load()).toEqual({ running: 0, waiting: 0 })
  })
})
