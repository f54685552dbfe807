import { createRequire } from 'node:module'
import type * as Recheck from 'recheck'

// Loaded on the first uncached pattern only: importing recheck costs ~150 ms.
let recheck: typeof Recheck | undefined
const load = (): typeof Recheck => (recheck ??= createRequire(import.meta.url)('recheck') as typeof Recheck)
import type { RedosVerdict } from './host.js'

/** Unescaped quantifiers in a pattern, and whether one applies to a group. */
function quantifiers(pattern: string): { count: number; onGroup: boolean } {
  let count = 0
  let onGroup = false
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      continue
    }
    if (c === '[') inClass = true
    else if (c === '*' || c === '+' || (c === '{' && /^\{\d*,/.test(pattern.slice(i)))) {
      count++
      if (pattern[i - 1] === ')') onGroup = true
    }
  }
  return { count, onGroup }
}

/**
 * A ReDoS checker over recheck with a verdict cache keyed by `flags/pattern`. Patterns that
 * cannot backtrack super-linearly (no quantifier, or a single one not applied to a group) skip
 * recheck, which costs 2–300 ms per pattern. The caller may persist `cache` between runs.
 */
export function createRedosChecker(cache: Map<string, RedosVerdict>, timeoutMs = 2000): (pattern: string, flags: string) => RedosVerdict {
  return (pattern, flags) => {
    const key = `${flags}/${pattern}`
    const hit = cache.get(key)
    if (hit) return hit
    const q = quantifiers(pattern)
    let verdict: RedosVerdict
    if (q.count === 0 || (q.count === 1 && !q.onGroup)) verdict = { status: 'safe' }
    else {
      const d = load().checkSync(pattern, flags, { timeout: timeoutMs })
      if (d.status === 'vulnerable') {
        const c = d.complexity
        verdict = { status: 'vulnerable', complexity: c.type === 'polynomial' ? `polynomial-${c.degree}` : 'exponential' }
        if (d.attack?.pattern) verdict.attack = d.attack.pattern
      } else verdict = { status: d.status === 'safe' ? 'safe' : 'unknown' }
    }
    cache.set(key, verdict)
    return verdict
  }
}
