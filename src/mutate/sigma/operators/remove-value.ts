import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { editAt, fieldEntries, selections } from '../detection.js'

/** Drops one value of a value list (a field's `- a - b`, or a keyword list). */
export const removeValue: SigmaOperator = {
  id: 'remove-value',
  format: 'sigma',
  description: "Remove one value of a list: the rule's tests should need every value they list.",
  mutate(d) {
    const out: SigmaMutation[] = []
    for (const e of fieldEntries(d)) {
      if (!Array.isArray(e.value) || e.value.length < 2) continue
      const list = e.value
      const all = e.modifiers.includes('all')
      list.forEach((v, i) => {
        const rest = list.filter((_, j) => j !== i)
        const duplicate = rest.some((r) => r === v)
        const anyValue = !all && rest.includes('*') && e.modifiers.length === 0
        out.push({
          detection: editAt(d, [...e.map, e.key], (l) => (l as unknown[]).filter((_, j) => j !== i)),
          path: ['detection', ...e.map, e.key, i],
          at: 'value',
          change: `remove ${JSON.stringify(v)} from ${e.key}`,
          ...(duplicate ? { equivalent: `${JSON.stringify(v)} is listed twice` } : anyValue ? { equivalent: `'*' in the same list matches it` } : {}),
          probe: { field: e.field, values: [v] },
        })
      })
    }
    // Keyword selections: a list of plain values.
    for (const [name, v] of selections(d)) {
      if (!Array.isArray(v) || v.length < 2 || !v.every((x) => typeof x !== 'object' || x === null)) continue
      v.forEach((value, i) => {
        out.push({
          detection: editAt(d, [name], (l) => (l as unknown[]).filter((_, j) => j !== i)),
          path: ['detection', name, i],
          at: 'value',
          change: `remove keyword ${JSON.stringify(value)} from ${name}`,
          ...(v.filter((x) => x === value).length > 1 ? { equivalent: `${JSON.stringify(value)} is listed twice` } : {}),
        })
      })
    }
    return out
  },
}
