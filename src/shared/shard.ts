import { UsageError } from './errors.js'

/** `--shard i/N`: the i-th (1-based) of N parts of a run, as vitest and Playwright number them. */
export interface Shard {
  index: number
  total: number
}

export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  if (!m) throw new UsageError(`--shard must be i/N, e.g. 2/4 (got '${text}')`)
  const index = Number(m[1])
  const total = Number(m[2])
  if (total < 1 || total > 100_000) throw new UsageError(`--shard ${text}: N must be between 1 and 100000`)
  if (index < 1 || index > total) throw new UsageError(`--shard ${text}: i must be between 1 and ${total}`)
  return { index, total }
}

/**
 * The shard's part of `length` items in order: contiguous, sizes differing by at most one, the
 * larger parts first; the N parts, concatenated in order, are the whole.
 */
export function shardRange(length: number, shard: Shard): { from: number; to: number } {
  const base = Math.floor(length / shard.total)
  const extra = length % shard.total
  const i = shard.index - 1
  const from = i * base + Math.min(i, extra)
  return { from, to: from + base + (i < extra ? 1 : 0) }
}

/** The shard's items of a list (by position). */
export function shardSlice<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...items]
  const { from, to } = shardRange(items.length, shard)
  return items.slice(from, to)
}

/**
 * The shard's items when work is split by file (as vitest splits test files): the sorted files
 * are sliced, and every item of a file goes with it.
 */
export function shardByFile<T extends { file: string }>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...items]
  const files = new Set(shardSlice([...new Set(items.map((i) => i.file))].sort(), shard))
  return items.filter((i) => files.has(i.file))
}
