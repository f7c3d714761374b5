import { availableParallelism } from 'node:os'
import { hash, verify } from '@node-rs/argon2'
import { UseCaseError } from '../errors'

// argon2id with the library's defaults (~45 ms here): slow enough to resist guessing.
// Every hash and verification runs through one small semaphore (docs/decisions/018): at
// most ARGON2_CONCURRENT at once, at most ARGON2_QUEUE waiting, and anything beyond that
// is refused at once with PasswordWorkBusyError (503), as is a call that waited
// ARGON2_MAX_WAIT_MS without its turn (a slow, overloaded machine). A flood of sign-ins then costs at
// most half the cores (one on a 2-core server, at most four) and a short queue; the
// event loop and PostgreSQL keep the rest, so pages stay quick. Without the cap every
// request of a flood took one of libuv's four threads, and page loads waited behind them.

export const ARGON2_CONCURRENT = Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)))
/** About a second of argon2 work at one slot: enough for a burst of honest sign-ins. */
export const ARGON2_QUEUE = 16
export const ARGON2_MAX_WAIT_MS = 2000

export const SERVER_BUSY = 'Server sedang sibuk. Coba lagi beberapa detik lagi.'

/** The argon2 queue is full: nothing was checked; the person may simply try again. */
export class PasswordWorkBusyError extends UseCaseError {
  constructor() {
    super(SERVER_BUSY, 503)
    this.name = 'PasswordWorkBusyError'
  }
}

let running = 0
const waiting: Array<{ start: () => void }> = []

async function withArgon2Slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= ARGON2_CONCURRENT) {
    if (waiting.length >= ARGON2_QUEUE) throw new PasswordWorkBusyError()
    // The slot is handed over by the finishing call (running stays counted), so a newcomer
    // cannot overtake the queue.
    await new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(timer)
          resolve()
        },
      }
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(entry), 1)
        reject(new PasswordWorkBusyError())
      }, ARGON2_MAX_WAIT_MS)
      waiting.push(entry)
    })
  } else {
    running += 1
  }
  try {
    return await work()
  } finally {
    const next = waiting.shift()
    if (next) next.start()
    else running -= 1
  }
}

/** How many argon2 calls run and wait right now (tests, the flood bench). */
export function argon2Load(): { running: number; waiting: number } {
  return { running, waiting: waiting.length }
}

export function hashPassword(password: string): Promise<string> {
  return withArgon2Slot(() => hash(password))
}

/** False for a wrong password or an unreadable hash; throws PasswordWorkBusyError when saturated. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return withArgon2Slot(async () => {
    try {
      return await verify(passwordHash, password)
    } catch {
      return false
    }
  })
}

/** Verifying against this keeps the timing of "no such account" like a wrong password. */
let dummy: Promise<string> | undefined
export function dummyHash(): Promise<string> {
  // A refused first attempt (busy) must not stay cached as a rejection.
  dummy ??= hashPassword('latih-dummy-password').catch((error: unknown) => {
    dummy = undefined
    throw error
  })
  return dummy
}
