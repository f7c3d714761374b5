import { describe, expect, it } from 'vitest'
import { ARGON2_CONCURRENT, ARGON2_QUEUE, argon2Load, hashPassword, PasswordWorkBusyError, verifyPassword } from './password'

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
    const refused = results.filter((r) => r.status === 'rejected')
    expect(refused).toHaveLength(40 - ARGON2_CONCURRENT - ARGON2_QUEUE)
    for (const r of refused) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(PasswordWorkBusyError)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 503 })
    }
    // The refusals came before any verification finished: nobody waited to be refused.
    expect(events.slice(0, refused.length)).toEqual(Array(refused.length).fill('refused'))
    // The right password still verified, the wrong ones did not.
    expect(results[0]).toEqual({ status: 'fulfilled', value: true })
    expect(results.slice(1, ARGON2_CONCURRENT + ARGON2_QUEUE).every((r) => r.status === 'fulfilled' && r.value === false)).toBe(true)
    // Every slot was given back.
    expect(argon2Load()).toEqual({ running: 0, waiting: 0 })
    expect(maxRunning).toBe(ARGON2_CONCURRENT)
    expect(await verifyPassword(hash, 'Kendari-Maju-2026')).toBe(true)
  })

  it('a hash that cannot be read is a wrong password, not an error, and frees its slot', async () => {
    expect(await verifyPassword('bukan-hash', 'apa saja')).toBe(false)
    expect(argon2Load()).toEqual({ running: 0, waiting: 0 })
  })
})
