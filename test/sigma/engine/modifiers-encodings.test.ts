import { describe, expect, it } from 'vitest'
import { modifiers } from '../../../src/sigma/modifiers/index.js'
import { parseSigmaString, toPlain } from '../../../src/sigma/values/sigma-string.js'
import type { SigmaValue } from '../../../src/sigma/values/types.js'
import { item, itemError } from './helpers.js'

const ctx = { placeholders: {}, before: [] }
const texts = (v: SigmaValue): string[] => (v.type === 'expansion' ? v.values.flatMap(texts) : v.type === 'string' ? [toPlain(v)] : [])
const apply = (name: keyof typeof modifiers, text: string) => modifiers[name].apply!(parseSigmaString(text), ctx)

describe('base64', () => {
  it('encodes the UTF-8 bytes with padding', () => {
    expect(texts(apply('base64', 'cmd'))).toEqual(['Y21k'])
    expect(texts(apply('base64', 'ab'))).toEqual(['YWI='])
    expect(texts(apply('base64', 'é'))).toEqual(['w6k='])
  })
  it('encodes an escaped wildcard with its backslash (pySigma quirk)', () => {
    expect(texts(apply('base64', 'a\\*'))).toEqual([Buffer.from('a\\*').toString('base64')])
  })
  it('rejects wildcards: contains|base64 fails, base64|contains works', () => {
    expect(itemError('f|contains|base64', 'x')?.message).toMatch(/wildcards/)
    expect(item('f|base64|contains', 'cmd', { f: 'xxY21kxx' })).toBe(true)
  })
})

describe('base64offset', () => {
  it('yields the three shifted renderings (pySigma: ab → YW, Fi, hY)', () => {
    expect(texts(apply('base64offset', 'ab'))).toEqual(['YW', 'Fi', 'hY'])
  })
  it('finds the value at any offset inside an encoded text', () => {
    const needle = 'Invoke-Mimikatz'
    for (const prefix of ['', 'x', 'xy', 'xyz ']) {
      const encoded = Buffer.from(prefix + needle + ' tail').toString('base64')
      expect(item('f|base64offset|contains', needle, { f: encoded })).toBe(true)
    }
    expect(item('f|base64offset|contains', needle, { f: Buffer.from('other text').toString('base64') })).toBe(false)
  })
})

describe('utf16le / wide / utf16be / utf16', () => {
  it('utf16le puts a zero byte after each ASCII character; wide is its alias', () => {
    expect(texts(apply('utf16le', 'cmd'))).toEqual(['c\0m\0d\0'])
    expect(item('f|wide', 'cmd', { f: 'c\0m\0d\0' })).toBe(true)
  })
  it('utf16be puts the zero byte first; utf16 adds the FF FE byte-order mark', () => {
    expect(texts(apply('utf16be', 'cmd'))).toEqual(['\0c\0m\0d'])
    expect(texts(apply('utf16', 'cmd'))).toEqual(['\xff\xfec\0m\0d\0'])
  })
  it('keeps wildcards', () => {
    expect(texts(apply('utf16le', 'a*'))).toEqual(['a\0*'])
  })
  it('feeds base64 with the UTF-16 bytes (wide|base64offset|contains)', () => {
    const encoded = Buffer.from('xx powershell -enc', 'utf16le').toString('base64')
    expect(item('f|wide|base64offset|contains', 'powershell', { f: encoded })).toBe(true)
    expect(texts(modifiers.base64.apply!(modifiers.utf16le.apply!(parseSigmaString('é'), ctx), ctx))).toEqual([Buffer.from('é', 'utf16le').toString('base64')])
  })
})
