import type { Finding } from '../../model/result.js'
import type { SourceMap } from '../../shared/yaml/index.js'
import { LOAD_CHECKS } from './types.js'

const OPERATORS = new Set(['gt', 'gte', 'lt', 'lte', 'eq', 'neq'])
const NEEDS_FIELD = new Set(['value_count', 'value_sum', 'value_avg', 'value_percentile'])
/** Integer and a lower-case unit; pySigma also reads w, M and y, which the spec does not list. */
const TIMESPAN = /^\d+[smhdwMy]$/

/**
 * What the official correlation schema cannot check (its `condition` branches carry no
 * keywords): operators and their integer thresholds, `field` where the type needs one, and
 * the timespan's form.
 */
export function correlationFindings(c: Record<string, unknown>, map: SourceMap): Finding[] {
  const out: Finding[] = []
  const at = (path: (string | number)[], message: string, key = false) => {
    const l = key ? map.key(path) : map.value(path)
    out.push({ check: LOAD_CHECKS.correlation, severity: 'error', file: l.file, line: l.line, column: l.column, message })
  }
  const type = typeof c.type === 'string' ? c.type : ''
  if (typeof c.timespan === 'string' && !TIMESPAN.test(c.timespan)) {
    at(['correlation', 'timespan'], `correlation.timespan: '${c.timespan}' must be a whole number and a unit s, m, h or d (e.g. 15m)`)
  }
  const cond = c.condition
  if (cond !== null && typeof cond === 'object' && !Array.isArray(cond)) {
    const entries = Object.entries(cond as Record<string, unknown>)
    let operators = 0
    for (const [k, v] of entries) {
      const path = ['correlation', 'condition', k]
      if (OPERATORS.has(k)) {
        operators++
        if (typeof v !== 'number' || !Number.isFinite(v)) at(path, `correlation.condition.${k}: must be a number`)
      } else if (k === 'field') {
        const ok = typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'))
        if (!ok) at(path, 'correlation.condition.field: must be a field name or a list of field names')
      } else if (k === 'percentile' && type === 'value_percentile') {
        if (typeof v !== 'number') at(path, 'correlation.condition.percentile: must be a number')
      } else {
        at(path, `correlation.condition: unknown operator '${k}' (known: gt, gte, lt, lte, eq, neq, field)`, true)
      }
    }
    if (operators === 0) at(['correlation', 'condition'], 'correlation.condition: needs one of gt, gte, lt, lte, eq, neq')
    if (NEEDS_FIELD.has(type) && !('field' in (cond as object))) {
      at(['correlation', 'condition'], `correlation.condition: a ${type} correlation needs 'field'`, true)
    }
  }
  return out
}
