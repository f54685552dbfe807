import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { editAt, fieldEntries, renameKey, valuesOf } from '../detection.js'

const DROPPED = ['all', 'cased', 're'] as const
/** `|re`'s flags mean nothing without it. */
const RE_FLAGS = new Set(['i', 'm', 's', 'ignorecase', 'multiline', 'dotall'])

/** Drops `|all`, `|cased` or `|re` from a field. */
export const dropModifier: SigmaOperator = {
  id: 'drop-modifier',
  format: 'sigma',
  description: 'Drop a `|all`, `|cased` or `|re` modifier: a test should show why it is there.',
  mutate(d) {
    const out: SigmaMutation[] = []
    for (const e of fieldEntries(d)) {
      for (const m of DROPPED) {
        if (!e.modifiers.includes(m)) continue
        const rest = e.modifiers.filter((x) => x !== m && !(m === 're' && RE_FLAGS.has(x)))
        const key = [e.field, ...rest].join('|')
        const values = valuesOf(e.value)
        let equivalent: string | undefined
        if (m === 'all' && values.length < 2) equivalent = '|all on a single value'
        if (m === 'cased' && values.every((v) => typeof v === 'string' && v.toLowerCase() === v.toUpperCase())) equivalent = 'no value has letters'
        out.push({
          detection: editAt(d, e.map, (x) => renameKey(x as Record<string, unknown>, e.key, key)),
          path: ['detection', ...e.map, e.key],
          at: 'key',
          change: `${e.key} → ${key}`,
          ...(equivalent ? { equivalent } : {}),
          probe: {
            field: e.field,
            values: m === 'cased' ? values.flatMap((v) => (typeof v === 'string' ? [v.toUpperCase(), v.toLowerCase()] : [])) : values,
          },
        })
      }
    }
    return out
  },
}
