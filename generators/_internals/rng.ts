/**
 * The fast random source of the bulk generator: sfc32 (a 128-bit state, 32-bit output small
 * fast counter PRNG). It is about 10× cheaper per draw than going through `fc.Random`, and the
 * same seed always gives the same sequence on every platform (pure 32-bit integer arithmetic).
 */
export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  u32(): number
  /** A uniform double in [0, 1). */
  double(): number
  /** A uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number
  /**
   * When set, `timestamp()` draws the dataset's clock instead of a random time, so bulk
   * datasets advance in time while the same family definitions stay usable with fast-check.
   */
  clock?: () => number
}

/** splitmix32: turns (seed, stream) pairs into well-spread 32-bit seeds. */
export function mix32(a: number, b = 0): number {
  let z = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97) >>> 0
  return (z ^ (z >>> 15)) >>> 0
}

class Sfc32 implements Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  clock?: () => number
  constructor(seed: number, stream: number) {
    this.a = mix32(seed, stream)
    this.b = mix32(this.a, 1)
    this.c = mix32(this.b, 2)
    this.d = 1
    for (let i = 0; i < 12; i++) this.u32()
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }
  double(): number {
    return this.u32() / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.double() * (max - min + 1))
  }
}

/**
 * A seeded generator. `stream` selects an independent sequence for the same seed, which is how
 * the dataset splits work into chunks that any worker can produce identically.
 */
export function createRng(seed: number, stream = 0): Rng {
  return new Sfc32(seed >>> 0, stream >>> 0)
}

/** Adapts fast-check's random source to `Rng`, so custom draws stay reproducible from fc seeds. */
export function rngFromFc(mrng: { nextInt(min: number, max: number): number; nextDouble(): number }): Rng {
  return {
    u32: () => mrng.nextInt(0, 0xffffffff) >>> 0,
    double: () => mrng.nextDouble(),
    int: (min, max) => mrng.nextInt(min, max),
  }
}
