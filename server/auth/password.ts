import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults (~45 ms here): slow enough to resist guessing.
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** Verifying against this keeps the timing of "no such account" like a wrong password. */
let dummy: Promise<string> | undefined
export function dummyHash(): Promise<string> {
  dummy ??= hash('latih-dummy-password')
  return dummy
}
