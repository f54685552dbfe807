/**
 * The references a Sigma condition makes, with their offsets in the condition text. This is not
 * the condition parser (H1's src/sigma/condition is): it only lists identifiers and `x of P`
 * selectors so checks can point at the exact column of a dangling name.
 */
import { starMatch } from '../../sigma/condition/resolve.js'

export type ConditionRef =
  | { kind: 'id'; name: string; offset: number }
  | { kind: 'of'; quantifier: string; pattern: string; offset: number; patternOffset: number }

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them'])
const QUANTIFIERS = new Set(['1', 'all', 'any'])

export function conditionRefs(text: string): ConditionRef[] {
  const pipe = text.indexOf('|')
  const body = pipe === -1 ? text : text.slice(0, pipe)
  const words: { w: string; o: number }[] = []
  for (const m of body.matchAll(/[A-Za-z0-9_*-]+/g)) words.push({ w: m[0], o: m.index })
  const refs: ConditionRef[] = []
  for (let i = 0; i < words.length; i++) {
    const { w, o } = words[i] as { w: string; o: number }
    const next = words[i + 1]
    if (QUANTIFIERS.has(w) && next?.w === 'of') {
      const target = words[i + 2]
      if (target !== undefined) {
        refs.push({ kind: 'of', quantifier: w, pattern: target.w, offset: o, patternOffset: target.o })
        i += 2
      }
      continue
    }
    if (KEYWORDS.has(w)) continue
    refs.push({ kind: 'id', name: w, offset: o })
  }
  return refs
}

/** Selection names a `x of P` pattern selects (pySigma: `_`-prefixed names only for `_` patterns). */
export function patternMatches(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'))
  return names.filter((n) => starMatch(pattern, n) && (!n.startsWith('_') || pattern.startsWith('_')))
}
