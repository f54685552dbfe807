import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { editAt, fieldEntries, isStringMatch, patternOf, renameKey, STRING_MATCH, stringMatchOf, valuesOf, type StringMatch } from '../detection.js'

const ALL: StringMatch[] = ['exact', ...STRING_MATCH]

/** contains ↔ startswith / endswith / exact on a string field. */
export const changeMatch: SigmaOperator = {
  id: 'change-match',
  format: 'sigma',
  description: 'Change how a string is matched: `contains` ↔ `startswith` / `endswith` / exact.',
  mutate(d) {
    const out: SigmaMutation[] = []
    for (const e of fieldEntries(d)) {
      if (!isStringMatch(e)) continue
      const from = stringMatchOf(e.modifiers)
      for (const to of ALL) {
        if (to === from) continue
        const rest = e.modifiers.filter((m) => m !== from)
        const key = [e.field, ...(to === 'exact' ? [] : [to]), ...rest].join('|')
        const values = valuesOf(e.value) as string[]
        const same = values.every((v) => patternOf(v, from) === patternOf(v, to))
        out.push({
          detection: editAt(d, e.map, (m) => renameKey(m as Record<string, unknown>, e.key, key)),
          path: ['detection', ...e.map, e.key],
          at: 'key',
          change: `${e.key} → ${key}`,
          ...(same ? { equivalent: `every value already has the wildcards ${to} would add` } : {}),
          probe: { field: e.field, values: values.flatMap((v) => [`x${v.replace(/\*/g, '')}`, `${v.replace(/\*/g, '')}x`, `x${v.replace(/\*/g, '')}x`]) },
        })
      }
    }
    return out
  },
}
