import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { editAt, fieldEntries, isStringMatch } from '../detection.js'

/** Replaces one string value with `*` (any value): the value itself should be tested. */
export const widenValue: SigmaOperator = {
  id: 'widen-value',
  format: 'sigma',
  description: "Widen a value to `*` (any non-null value): a test should show a value the rule does not accept.",
  mutate(d) {
    const out: SigmaMutation[] = []
    for (const e of fieldEntries(d)) {
      if (!isStringMatch(e)) continue
      const list = Array.isArray(e.value)
      ;(list ? (e.value as string[]) : [e.value as string]).forEach((v, i) => {
        if (v === '*') return
        out.push({
          detection: editAt(d, list ? [...e.map, e.key, i] : [...e.map, e.key], () => '*'),
          path: ['detection', ...e.map, e.key, ...(list ? [i] : [])],
          at: 'value',
          change: `${e.key}: ${JSON.stringify(v)} → '*'`,
          ...(list && !e.modifiers.includes('all') && (e.value as unknown[]).includes('*') ? { equivalent: "the list already holds '*'" } : {}),
          probe: { field: e.field, values: ['ruleproof-mutant-probe'] },
        })
      })
    }
    return out
  },
}
