import { createRequire } from 'node:module'
import type * as Recheck from 'recheck'

// Loaded on the first uncached pattern only: importing recheck costs ~150 ms.
let recheck: typeof Recheck | undefined
const load = (): typeof Recheck => (recheck ??= createRequire(import.meta.url)('recheck') as typeof Recheck)
import type { RedosVerdict } from './host.js'

/** The offsets of a pattern's syntax characters: escapes and character classes skipped. */
function* syntaxOffsets(pattern: string): Generator<number> {
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') i++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else yield i
  }
}

/** Unescaped quantifiers in a pattern, and whether one applies to a group. */
function quantifiers(pattern: string): { count: number; onGroup: boolean } {
  let count = 0
  let onGroup = false
  for (const i of syntaxOffsets(pattern)) {
    const c = pattern[i]
    if (c === '*' || c === '+' || (c === '{' && /^\{\d*,/.test(pattern.slice(i)))) {
      count++
      if (pattern[i - 1] === ')') onGroup = true
    }
  }
  return { count, onGroup }
}

/**
 * The bodies of the lookarounds in a pattern (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`), outermost
 * first. recheck's fuzzer under-rates a nested quantifier inside a lookaround (`(?=(a+)+$)x` comes
 * back degree-2 polynomial), yet a backtracking engine runs the body at every position as it would
 * a pattern of its own, so each body is checked as one too.
 */
export function lookaroundBodies(pattern: string): string[] {
  const bodies: string[] = []
  const open: { start: number; look: boolean }[] = []
  for (const i of syntaxOffsets(pattern)) {
    if (pattern[i] === '(') {
      const look = /^\(\?<?[=!]/.exec(pattern.slice(i, i + 4))
      open.push({ start: i + (look ? look[0].length : 1), look: look !== null })
    } else if (pattern[i] === ')') {
      const group = open.pop()
      if (group?.look) bodies.push(pattern.slice(group.start, i))
    }
  }
  return bodies.reverse()
}

const RANK: Record<string, number> = { safe: 0, unknown: 1, vulnerable: 2 }

/** The worse of two verdicts: vulnerable over unknown over safe; exponential over any polynomial, higher degree over lower. */
function worse(a: RedosVerdict, b: RedosVerdict): RedosVerdict {
  if (RANK[a.status] !== RANK[b.status]) return RANK[a.status]! > RANK[b.status]! ? a : b
  if (a.status !== 'vulnerable') return a
  const weight = (v: RedosVerdict): number => (v.complexity === 'exponential' ? Infinity : Number(v.complexity?.split('-')[1] ?? 2))
  return weight(b) > weight(a) ? b : a
}

/**
 * A ReDoS checker over recheck with a verdict cache keyed by `flags/pattern`. Patterns that
 * cannot backtrack super-linearly (no quantifier, or a single one not applied to a group) skip
 * recheck, which costs 2–300 ms per pattern. The caller may persist `cache` between runs.
 */
export function createRedosChecker(cache: Map<string, RedosVerdict>, timeoutMs = 2000): (pattern: string, flags: string) => RedosVerdict {
  const checkOne = (pattern: string, flags: string): RedosVerdict => {
    const q = quantifiers(pattern)
    if (q.count === 0 || (q.count === 1 && !q.onGroup)) return { status: 'safe' }
    const d = load().checkSync(pattern, flags, { timeout: timeoutMs })
    if (d.status !== 'vulnerable') return { status: d.status === 'safe' ? 'safe' : 'unknown' }
    const c = d.complexity
    const verdict: RedosVerdict = { status: 'vulnerable', complexity: c.type === 'polynomial' ? `polynomial-${c.degree}` : 'exponential' }
    if (d.attack?.pattern) verdict.attack = d.attack.pattern
    return verdict
  }
  return (pattern, flags) => {
    const key = `${flags}/${pattern}`
    const hit = cache.get(key)
    if (hit) return hit
    let verdict = checkOne(pattern, flags)
    for (const body of lookaroundBodies(pattern)) verdict = worse(verdict, checkOne(body, flags))
    cache.set(key, verdict)
    return verdict
  }
}
