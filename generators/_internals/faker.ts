import { faker as enFaker } from '@faker-js/faker/locale/en'

/** The Faker instance type (the class is not exported from the per-locale entry point). */
export type FakerInstance = typeof enFaker

type FakerConstructor = new (options: {
  locale: FakerInstance['rawDefinitions']
  randomizer: { next(): number; seed(seed: number | number[]): void }
}) => FakerInstance

let current: (() => number) | undefined

/**
 * ONE Faker for the whole process, whose randomizer reads whatever random source is current
 * (fast-check's `fc.Random` inside an arbitrary, the bulk generator's `Rng` in datasets).
 * Re-seeding Faker costs ~38 µs per call; delegating costs nothing and keeps every value
 * reproducible from the caller's seed (ts-ecosystem.md §2a).
 */
const FakerClass = enFaker.constructor as unknown as FakerConstructor
const delegated: FakerInstance = new FakerClass({
  locale: enFaker.rawDefinitions,
  randomizer: {
    next: () => {
      if (!current) throw new Error('generators: faker used outside a generator draw')
      return current()
    },
    seed: () => {
      throw new Error('generators: the shared faker is never seeded; seed the generator instead')
    },
  },
})

/** Runs `fn` with faker reading `next` as its source of uniform doubles in [0, 1). */
export function withFaker<T>(next: () => number, fn: (faker: FakerInstance) => T): T {
  const previous = current
  current = next
  try {
    return fn(delegated)
  } finally {
    current = previous
  }
}
