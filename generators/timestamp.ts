import fc from 'fast-check'
import { check, primitive, type Gen } from './_internals/gen.js'

export interface TimestampConstraints {
  /**
   * Earliest time, as an ISO string or epoch milliseconds.
   * @defaultValue `'2026-01-01T00:00:00Z'`
   */
  min?: string | number
  /**
   * Latest time, as an ISO string or epoch milliseconds.
   * @defaultValue `'2026-12-31T23:59:59Z'`
   */
  max?: string | number
}

function ms(v: string | number): number {
  return typeof v === 'number' ? v : Date.parse(v)
}

/**
 * A time in whole microseconds since the Unix epoch (what `requestReceivedTimestamp` holds).
 * In bulk datasets the dataset's clock supplies it, so events advance in time.
 */
export function timestamp(constraints: TimestampConstraints = {}): Gen<number> {
  const min = ms(constraints.min ?? '2026-01-01T00:00:00Z')
  const max = ms(constraints.max ?? '2026-12-31T23:59:59Z')
  check('timestamp', Number.isFinite(min) && Number.isFinite(max) && min <= max, `min (${constraints.min}) must be a time before max (${constraints.max})`)
  const lo = Math.floor(min / 1000)
  const hi = Math.floor(max / 1000)
  return primitive(
    () => fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: 999_999 })).map(([s, us]) => s * 1_000_000 + us),
    (rng) => (rng.clock ? rng.clock() : rng.int(lo, hi) * 1_000_000 + rng.int(0, 999_999)),
  )
}
