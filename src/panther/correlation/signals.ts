import type { YamlPath } from '../../shared/yaml/index.js'
import type { CorrelationDetection, Issue, Signal } from './types.js'

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

const MINUTE = 60_000

/**
 * Reads a test's `RuleOutputs` into signals. Each output names a Group/Sequence `ID` and, per
 * matched field, the values the rule produced and when: whole numbers are minutes from the test's
 * origin, strings are timestamps (one test uses one kind). Entries of several fields at the same
 * time are one signal carrying all those values; a time listed twice is two signals.
 * `path` is the test's YAML path; issues name the exact entry.
 */
export function readSignals(detection: CorrelationDetection, outputs: unknown, path: YamlPath): { signals: Signal[]; issues: Issue[]; offsets: boolean } {
  const issues: Issue[] = []
  const invalid = (p: YamlPath, message: string): void => void issues.push({ path: p, message, kind: 'invalid' })
  const signals: Signal[] = []
  const ids = new Map(detection.members.map((m) => [m.id, m]))
  let kind: 'offset' | 'timestamp' | undefined
  if (outputs === undefined || outputs === null) return { signals, issues, offsets: false }
  if (!Array.isArray(outputs)) {
    invalid([...path, 'RuleOutputs'], 'RuleOutputs must be a list of {ID, Matches}')
    return { signals, issues, offsets: false }
  }
  outputs.forEach((out, i) => {
    const op = [...path, 'RuleOutputs', i]
    if (!isMap(out)) return invalid(op, 'each RuleOutputs entry must be a mapping {ID, Matches}')
    const member = typeof out.ID === 'string' ? ids.get(out.ID) : undefined
    if (!member) return invalid([...op, 'ID'], `ID ${JSON.stringify(out.ID)} is not an ID of the Detection (${[...ids.keys()].join(', ')})`)
    const matches = out.Matches
    if (!isMap(matches) || Object.keys(matches).length === 0) {
      return invalid(op, `RuleOutputs '${member.id}' has no Matches: each signal needs a matched field, its value and its time`)
    }
    const expected = detection.fields.get(member.id) ?? []
    const lacking = expected.filter((f) => !(f in matches))
    if (lacking.length && expected.length > 1) {
      // Its signals must carry the shared value on every field it is matched on.
      invalid([...op, 'Matches'], `'${member.id}' is matched on ${expected.map((f) => `'${f}'`).join(' and ')}; Matches lacks ${lacking.map((f) => `'${f}'`).join(' and ')}`)
    }
    // time → field → values listed at that time (a value listed twice at one time counts twice)
    const byTime = new Map<number, Map<string, string[]>>()
    for (const [field, values] of Object.entries(matches)) {
      const fp = [...op, 'Matches', field]
      if (expected.length && !expected.includes(field)) {
        invalid(fp, `'${member.id}' is matched on ${expected.map((f) => `'${f}'`).join(' and ')}, not on '${field}'`)
        continue
      }
      if (!isMap(values)) {
        invalid(fp, `Matches '${field}' must map each value to the list of times it was seen`)
        continue
      }
      for (const [value, times] of Object.entries(values)) {
        const vp = [...fp, value]
        if (!Array.isArray(times) || times.length === 0) {
          invalid(vp, `the times of '${value}' must be a non-empty list (minutes from the start, or timestamps)`)
          continue
        }
        times.forEach((t, j) => {
          const tp = [...vp, j]
          let ms: number
          if (typeof t === 'number' && Number.isFinite(t)) {
            if (kind === 'timestamp') return invalid(tp, 'this test mixes minute offsets and timestamps; they cannot be placed on one time line')
            kind = 'offset'
            ms = t * MINUTE
          } else if (typeof t === 'string' && !Number.isNaN(timestamp(t))) {
            if (kind === 'offset') return invalid(tp, 'this test mixes minute offsets and timestamps; they cannot be placed on one time line')
            kind = 'timestamp'
            ms = timestamp(t)
          } else {
            return invalid(tp, `${JSON.stringify(t)} is neither a number of minutes nor a timestamp (2024-06-01T10:00:00Z)`)
          }
          const at = byTime.get(ms) ?? new Map<string, string[]>()
          byTime.set(ms, at)
          const list = at.get(field) ?? []
          list.push(value)
          at.set(field, list)
        })
      }
    }
    for (const [time, fields] of [...byTime].sort((a, b) => a[0] - b[0])) {
      // A value listed n times at one time is n signals (MinMatchCount counts them).
      const n = Math.max(...[...fields.values()].map((v) => v.length))
      const merged = new Map([...fields].map(([f, v]) => [f, new Set(v)]))
      for (let k = 0; k < n; k++) signals.push({ member: member.id, time, fields: merged })
    }
  })
  signals.sort((a, b) => a.time - b.time)
  // `kind` is assigned inside the callbacks above; TypeScript narrows it to undefined here.
  return { signals, issues, offsets: (kind as string | undefined) === 'offset' }
}

/**
 * ms since the epoch of an RFC 3339 / ISO 8601 date-time (`T` or a space between date and time);
 * without a zone it is UTC, never the machine's local time. NaN when it is not one.
 */
export function timestamp(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim())
  if (!m) return NaN
  const zone = m[3] === undefined ? 'Z' : m[3].toUpperCase() === 'Z' ? 'Z' : m[3].includes(':') ? m[3] : `${m[3].slice(0, 3)}:${m[3].slice(3)}`
  return Date.parse(`${m[1]}T${m[2]}${zone}`)
}

/** A time as the test wrote it: minutes from the start, or an ISO timestamp. */
export function timeText(ms: number, offsets: boolean): string {
  return offsets ? `minute ${ms / MINUTE}` : new Date(ms).toISOString().replace('.000Z', 'Z')
}
