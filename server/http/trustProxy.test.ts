import { describe, expect, it } from 'vitest'
import express from 'express'
import { trustProxySetting } from './trustProxy'

describe('TRUST_PROXY', () => {
  it('believes no proxy unless one is named, and never everyone', () => {
    expect(trustProxySetting(undefined)).toBe(false)
    expect(trustProxySetting('')).toBe(false)
    expect(trustProxySetting('false')).toBe(false)
    expect(trustProxySetting('1')).toBe(1)
    expect(trustProxySetting('127.0.0.1, 10.0.0.0/8')).toEqual(['127.0.0.1', '10.0.0.0/8'])
    expect(trustProxySetting('loopback')).toEqual(['loopback'])
    expect(() => trustProxySetting('true')).toThrow(/TRUST_PROXY/)
  })

  it('a value Express cannot read stops the start', () => {
    const app = express()
    expect(() => app.set('trust proxy', trustProxySetting('not-an-address'))).toThrow()
    expect(() => app.set('trust proxy', trustProxySetting('127.0.0.2'))).not.toThrow()
  })
})
