import fc from 'fast-check'
import { withFaker, type FakerInstance } from './faker.js'
import { rngFromFc, type Rng } from './rng.js'

/**
 * A generator with two back ends, defined once:
 * - it IS a fast-check `Arbitrary` (built lazily from fc's own combinators, so properties get
 *   fast-check's bias and shrinking);
 * - `draw(rng)` produces a value of the same distribution from a bare seeded PRNG, without
 *   fast-check's `Value`/context bookkeeping — the bulk dataset generator's fast path.
 * Every generator and scenario family is written once with the combinators below, so a label
 * means the same thing in a property and in a million-event dataset.
 */
export abstract class Gen<T> extends fc.Arbitrary<T> {
  #arbitrary: fc.Arbitrary<T> | undefined
  /** The fast-check composition this generator stands for. */
  protected abstract build(): fc.Arbitrary<T>
  /** Draws one value from a seeded PRNG (bulk path). */
  abstract draw(rng: Rng): T

  get arbitrary(): fc.Arbitrary<T> {
    return (this.#arbitrary ??= this.build())
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.arbitrary.generate(mrng, biasFactor)
  }
  canShrinkWithoutContext(value: unknown): value is T {
    return this.arbitrary.canShrinkWithoutContext(value)
  }
  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.arbitrary.shrink(value, context)
  }
  override map<U>(mapper: (t: T) => U, unmapper?: (possiblyU: unknown) => T): Gen<U> {
    return new MapGen(this, mapper, unmapper)
  }
  /** Like `chain`, but the next step is a `Gen` so both back ends keep working. */
  bind<U>(next: (t: T) => Gen<U>): Gen<U> {
    return new BindGen(this, next)
  }
}

/** The value type a generator produces. */
export type GenValue<G> = G extends Gen<infer T> ? T : never

class MapGen<T, U> extends Gen<U> {
  constructor(
    private readonly source: Gen<T>,
    private readonly mapper: (t: T) => U,
    private readonly unmapper?: (possiblyU: unknown) => T,
  ) {
    super()
  }
  protected build(): fc.Arbitrary<U> {
    return this.source.arbitrary.map(this.mapper, this.unmapper)
  }
  draw(rng: Rng): U {
    return this.mapper(this.source.draw(rng))
  }
}

/** Bound generators are cached per primitive source value (small discrete domains), up to this many. */
const BIND_CACHE = 64

class BindGen<T, U> extends Gen<U> {
  private readonly cache = new Map<unknown, Gen<U>>()
  constructor(
    private readonly source: Gen<T>,
    private readonly next: (t: T) => Gen<U>,
  ) {
    super()
  }
  protected build(): fc.Arbitrary<U> {
    return this.source.arbitrary.chain((t) => this.next(t).arbitrary)
  }
  draw(rng: Rng): U {
    const t = this.source.draw(rng)
    // `next` only builds generators (pure), so the bulk path may reuse what it built for a value.
    if (t === null || (typeof t !== 'object' && typeof t !== 'function')) {
      let g = this.cache.get(t)
      if (!g) {
        g = this.next(t)
        if (this.cache.size < BIND_CACHE) this.cache.set(t, g)
      }
      return g.draw(rng)
    }
    return this.next(t).draw(rng)
  }
}

class FnGen<T> extends Gen<T> {
  constructor(
    private readonly make: () => fc.Arbitrary<T>,
    private readonly fast: (rng: Rng) => T,
  ) {
    super()
  }
  protected build(): fc.Arbitrary<T> {
    return this.make()
  }
  draw(rng: Rng): T {
    return this.fast(rng)
  }
}

/** A generator from an fc composition and an equivalent fast draw (the primitive constructor). */
export function primitive<T>(make: () => fc.Arbitrary<T>, fast: (rng: Rng) => T): Gen<T> {
  return new FnGen(make, fast)
}

export function constant<T>(value: T): Gen<T> {
  return primitive(() => fc.constant(value), () => value)
}

export function constantFrom<const T>(...values: readonly T[]): Gen<T> {
  if (values.length === 0) throw new Error('generators: constantFrom needs at least one value')
  const n = values.length
  return primitive(() => fc.constantFrom(...values), (rng) => values[Math.floor(rng.double() * n)] as T)
}

export function integer(min: number, max: number): Gen<number> {
  if (!(Number.isInteger(min) && Number.isInteger(max) && min <= max)) {
    throw new Error(`generators: integer(${min}, ${max}) needs integer bounds with min <= max`)
  }
  return primitive(() => fc.integer({ min, max }), (rng) => rng.int(min, max))
}

export function boolean(): Gen<boolean> {
  return primitive(() => fc.boolean(), (rng) => rng.double() < 0.5)
}

/** `true` with probability `p`. */
export function chance(p: number): Gen<boolean> {
  if (!(p >= 0 && p <= 1)) throw new Error(`generators: chance(${p}) needs 0 <= p <= 1`)
  if (p === 0) return constant(false)
  if (p === 1) return constant(true)
  const w = Math.round(p * 10000)
  return weighted([w, constant(true)], [10000 - w, constant(false)])
}

type Weighted<T> = readonly [weight: number, gen: Gen<T>]

/** Picks one generator by weight (fast-check: `oneof` with weights, first entry shrinks best). */
export function weighted<T>(...entries: Weighted<T>[]): Gen<T> {
  const live = entries.filter(([w]) => w > 0)
  if (live.length === 0) throw new Error('generators: weighted needs a positive weight')
  if (live.length === 1) return (live[0] as Weighted<T>)[1]
  const total = live.reduce((s, [w]) => s + w, 0)
  // Cumulative thresholds in plain arrays: this draw runs for every choice of every event.
  const thresholds: number[] = []
  const gens: Gen<T>[] = []
  let acc = 0
  for (const [w, g] of live) {
    acc += w
    thresholds.push(acc)
    gens.push(g)
  }
  const last = gens.length - 1
  return primitive(
    () => fc.oneof(...live.map(([weight, g]) => ({ weight, arbitrary: g.arbitrary }))),
    (rng) => {
      const x = rng.double() * total
      let i = 0
      while (i < last && x >= (thresholds[i] as number)) i++
      return (gens[i] as Gen<T>).draw(rng)
    },
  )
}

export function oneof<T>(...gens: Gen<T>[]): Gen<T> {
  return weighted(...gens.map((g) => [1, g] as const))
}

/** `undefined` with probability 1 - p, else a value. */
export function optional<T>(gen: Gen<T>, p = 0.5): Gen<T | undefined> {
  const none = constant<T | undefined>(undefined)
  return chance(p).bind((yes): Gen<T | undefined> => (yes ? gen : none))
}

export function array<T>(gen: Gen<T>, minLength: number, maxLength: number): Gen<T[]> {
  return primitive(
    () => fc.array(gen.arbitrary, { minLength, maxLength }),
    (rng) => {
      const n = rng.int(minLength, maxLength)
      const out: T[] = []
      for (let i = 0; i < n; i++) out.push(gen.draw(rng))
      return out
    },
  )
}

/** Distinct elements of `values`, in their original order. */
export function subarray<T>(values: readonly T[], minLength: number, maxLength = values.length): Gen<T[]> {
  return primitive(
    () => fc.subarray([...values], { minLength, maxLength }),
    (rng) => {
      const n = rng.int(minLength, Math.min(maxLength, values.length))
      const idx = values.map((_, i) => i)
      for (let i = idx.length - 1; i > 0; i--) {
        const j = rng.int(0, i)
        ;[idx[i], idx[j]] = [idx[j] as number, idx[i] as number]
      }
      return idx
        .slice(0, n)
        .sort((a, b) => a - b)
        .map((i) => values[i] as T)
    },
  )
}

type Shape = Record<string, Gen<unknown>>
type ShapeValue<S extends Shape> = { [K in keyof S]: GenValue<S[K]> }

export function record<S extends Shape>(shape: S): Gen<ShapeValue<S>> {
  const keys = Object.keys(shape)
  const gens = keys.map((k) => shape[k] as Gen<unknown>)
  const n = keys.length
  return primitive(
    () => fc.record(Object.fromEntries(keys.map((k) => [k, (shape[k] as Gen<unknown>).arbitrary]))) as fc.Arbitrary<ShapeValue<S>>,
    (rng) => {
      const out: Record<string, unknown> = {}
      for (let i = 0; i < n; i++) out[keys[i] as string] = (gens[i] as Gen<unknown>).draw(rng)
      return out as ShapeValue<S>
    },
  )
}

export function tuple<const Gs extends readonly Gen<unknown>[]>(...gens: Gs): Gen<{ [I in keyof Gs]: GenValue<Gs[I]> }> {
  return primitive(
    () => fc.tuple(...gens.map((g) => g.arbitrary)) as unknown as fc.Arbitrary<{ [I in keyof Gs]: GenValue<Gs[I]> }>,
    (rng) => gens.map((g) => g.draw(rng)) as unknown as { [I in keyof Gs]: GenValue<Gs[I]> },
  )
}

/** A string of `minLength..maxLength` characters taken from `alphabet`. */
export function chars(alphabet: string, minLength: number, maxLength = minLength): Gen<string> {
  const units = [...alphabet]
  const n = units.length
  return primitive(
    () => fc.string({ unit: fc.constantFrom(...units), minLength, maxLength }),
    (rng) => {
      const len = rng.int(minLength, maxLength)
      let s = ''
      for (let i = 0; i < len; i++) s += units[Math.floor(rng.double() * n)]
      return s
    },
  )
}

const HEX = '0123456789abcdef'

function hexOf(rng: Rng, len: number): string {
  let s = ''
  for (let i = 0; i < len; i++) s += HEX[rng.u32() & 15]
  return s
}

/** Lower-case RFC 4122 version-4 UUIDs. */
export function uuid(): Gen<string> {
  return primitive(
    () => fc.uuid({ version: 4 }),
    (rng) => {
      const variant = HEX[8 + (rng.u32() & 3)]
      return `${hexOf(rng, 8)}-${hexOf(rng, 4)}-4${hexOf(rng, 3)}-${variant}${hexOf(rng, 3)}-${hexOf(rng, 12)}`
    },
  )
}

/**
 * A value from Faker. In fast-check it does not shrink (`fc.noShrink`: a smaller faker value is
 * just another random value); both back ends drive the one shared Faker instance.
 */
export function fake<T>(fn: (faker: FakerInstance) => T): Gen<T> {
  return primitive(
    () => fc.noShrink(new FakerArbitrary(fn)),
    (rng) => withFaker(() => rng.double(), fn),
  )
}

class FakerArbitrary<T> extends fc.Arbitrary<T> {
  constructor(private readonly fn: (faker: FakerInstance) => T) {
    super()
  }
  generate(mrng: fc.Random): fc.Value<T> {
    return new fc.Value(withFaker(() => mrng.nextDouble(), this.fn), undefined)
  }
  canShrinkWithoutContext(value: unknown): value is T {
    void value
    return false
  }
  shrink(): fc.Stream<fc.Value<T>> {
    return fc.Stream.nil()
  }
}

/**
 * A generator whose fast path and fast-check path share one imperative drawing function
 * (used where a value is derived from many interdependent draws, e.g. ids with checksums).
 * In fast-check it does not shrink.
 */
export function drawn<T>(fn: (rng: Rng) => T): Gen<T> {
  return primitive(() => fc.noShrink(new DrawnArbitrary(fn)), fn)
}

class DrawnArbitrary<T> extends fc.Arbitrary<T> {
  constructor(private readonly fn: (rng: Rng) => T) {
    super()
  }
  generate(mrng: fc.Random): fc.Value<T> {
    return new fc.Value(this.fn(rngFromFc(mrng)), undefined)
  }
  canShrinkWithoutContext(value: unknown): value is T {
    void value
    return false
  }
  shrink(): fc.Stream<fc.Value<T>> {
    return fc.Stream.nil()
  }
}

/** Validates a constraint eagerly, naming the generator in the message. */
export function check(generator: string, ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`generators/${generator}: ${message}`)
}

/** A generator, or a fixed value standing for one. */
export type GenOr<T> = Gen<T> | T

export function asGen<T>(v: GenOr<T>): Gen<T> {
  return v instanceof Gen ? v : constant(v)
}
