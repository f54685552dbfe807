import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { editAt, fieldEntries } from '../detection.js'

const COMPARISONS = new Set(['lt', 'lte', 'gt', 'gte'])

/** Moves a `|lt`/`|lte`/`|gt`/`|gte` bound by one, each way: a test should sit on the boundary. */
export const shiftBound: SigmaOperator = {
  id: 'shift-bound',
  format: 'sigma',
  description: 'Change a number comparison’s bound by one (`|gt: 5` → 4 and 6): tests should sit on the boundary.',
  mutate(d) {
    const out: SigmaMutation[] = []
    for (const e of fieldEntries(d)) {
      if (!e.modifiers.some((m) => COMPARISONS.has(m))) continue
      const list = Array.isArray(e.value)
      ;(list ? (e.value as unknown[]) : [e.value]).forEach((v, i) => {
        const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined
        if (n === undefined) return
        for (const delta of [-1, 1]) {
          const moved = typeof v === 'string' ? String(n + delta) : n + delta
          out.push({
            detection: editAt(d, list ? [...e.map, e.key, i] : [...e.map, e.key], () => moved),
            path: ['detection', ...e.map, e.key, ...(list ? [i] : [])],
            at: 'value',
            change: `${e.key}: ${n} → ${n + delta}`,
            probe: { field: e.field, values: [n, n + delta, n - delta] },
          })
        }
      })
    }
    return out
  },
}
