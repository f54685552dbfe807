// --shard i/N: how work is cut (contiguous, balanced, the parts in order are the whole).
import { describe, expect, it } from 'vitest'
import { parseShard, shardByFile, shardRange, shardSlice } from '../../src/shared/shard.js'

describe('shard ranges', () => {
  it('cover the whole in order, sizes differing by at most one', () => {
    for (const length of [0, 1, 5, 7, 100]) {
      for (const total of [1, 2, 3, 8]) {
        const parts = Array.from({ length: total }, (_, i) => shardRange(length, { index: i + 1, total }))
        expect(parts[0]!.from).toBe(0)
        expect(parts.at(-1)!.to).toBe(length)
        for (let i = 1; i < total; i++) expect(parts[i]!.from).toBe(parts[i - 1]!.to)
        const sizes = parts.map((p) => p.to - p.from)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
      }
    }
    expect(shardSlice(['a', 'b', 'c', 'd', 'e'], { index: 2, total: 2 })).toEqual(['d', 'e'])
    // By file: every item of a file goes with it, files sorted.
    const items = [{ file: 'b', n: 1 }, { file: 'a', n: 2 }, { file: 'b', n: 3 }, { file: 'c', n: 4 }]
    expect(shardByFile(items, { index: 1, total: 2 }).map((i) => i.n)).toEqual([1, 2, 3])
    expect(shardByFile(items, { index: 2, total: 2 }).map((i) => i.n)).toEqual([4])
  })

  it('refuses what is not i/N with 1 <= i <= N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 })
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/2', '1/2/3']) expect(() => parseShard(bad), bad).toThrow(/--shard/)
  })
})

