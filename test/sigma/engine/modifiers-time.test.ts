import { describe, expect, it } from 'vitest'
import { isoWeek, parseTimestamp } from '../../../src/sigma/values/time.js'
import { item, itemError } from './helpers.js'

const ts = '2026-11-23T22:15:30.123456Z' // a Monday, ISO week 48

describe('minute / hour / day / week / month / year', () => {
  it.each([
    ['minute', 15],
    ['hour', 22],
    ['day', 23],
    ['week', 48],
    ['month', 11],
    ['year', 2026],
  ])('%s extracts %i (UTC)', (part, value) => {
    expect(item(`t|${part}`, value, { t: ts })).toBe(true)
    expect(item(`t|${part}`, value + 1, { t: ts })).toBe(false)
  })
  it('may be followed by a comparison, not preceded', () => {
    expect(item('t|hour|gte', 22, { t: ts })).toBe(true)
    expect(item('t|hour|lt', 6, { t: ts })).toBe(false)
    expect(itemError('t|gte|hour', 22)?.message).toMatch(/'hour' modifier cannot be applied to a numeric comparison/)
    expect(itemError('t|hour|gte|lt', 22)?.message).toMatch(/cannot follow another comparison/)
    expect(itemError('t|hour', '22')?.message).toMatch(/string/)
  })
  it('applies the offset of zoned timestamps and reads epoch numbers', () => {
    expect(item('t|hour', 20, { t: '2026-11-23T22:15:00+02:00' })).toBe(true)
    expect(item('t|hour', 22, { t: Date.parse(ts) })).toBe(true)
    expect(item('t|hour', 22, { t: Math.floor(Date.parse(ts) / 1000) })).toBe(true)
    expect(item('t|hour', 22, { t: 'not a date' })).toBe(false)
  })
  it('ISO weeks include week 53', () => {
    expect(isoWeek(new Date(Date.UTC(2026, 11, 31)))).toBe(53)
    expect(isoWeek(new Date(Date.UTC(2027, 0, 1)))).toBe(53)
    expect(isoWeek(new Date(Date.UTC(2027, 0, 4)))).toBe(1)
  })
  it('timestamps without a zone are UTC', () => {
    expect(parseTimestamp('2026-01-02T03:04:05')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5))
    expect(parseTimestamp('2026-01-02')).toBe(Date.UTC(2026, 0, 2))
    expect(parseTimestamp('2026-13-02')).toBeUndefined()
  })
})
