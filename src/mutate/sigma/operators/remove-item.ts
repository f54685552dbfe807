import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { editAt, fieldEntries, selections, withoutKey } from '../detection.js'

/** Drops one `field: value` item of a selection, or one map of a list-of-maps selection. */
export const removeItem: SigmaOperator = {
  id: 'remove-item',
  format: 'sigma',
  description: 'Remove one item of a selection (a field condition, or one map of a list of maps): each should be needed.',
  mutate(d) {
    const out: SigmaMutation[] = []
    const entries = fieldEntries(d)
    for (const e of entries) {
      const siblings = entries.filter((x) => x.map.join('\u0000') === e.map.join('\u0000'))
      if (siblings.length < 2) continue
      out.push({
        detection: editAt(d, e.map, (m) => withoutKey(m as Record<string, unknown>, e.key)),
        path: ['detection', ...e.map, e.key],
        at: 'key',
        change: `remove ${e.key} from ${e.selection}`,
        probe: { field: e.field, values: [] },
      })
    }
    for (const [name, v] of selections(d)) {
      if (!Array.isArray(v) || v.length < 2 || !v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) continue
      v.forEach((_, i) => {
        out.push({
          detection: editAt(d, [name], (l) => (l as unknown[]).filter((__, j) => j !== i)),
          path: ['detection', name, i],
          at: 'value',
          change: `remove item ${i + 1} of ${name}`,
        })
      })
    }
    return out
  },
}
