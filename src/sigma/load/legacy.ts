import type { YamlPath } from '../../shared/yaml/index.js'

/**
 * Sigma 1.x syntax that Sigma 2 dropped and that still fills SigmaHQ's deprecated/ and
 * unsupported/ folders. Each is reported with what to write instead, in place of the generic
 * schema message at the same path.
 */
export interface LegacyIssue {
  path: YamlPath
  message: string
}

const SLASH_DATE = /^\d{4}\/\d{1,2}\/\d{1,2}$/
const AGGREGATION = /\|\s*(count|sum|min|max|avg|near)\b/

function conditions(detection: Record<string, unknown>): { path: YamlPath; text: string }[] {
  const c = detection.condition
  if (typeof c === 'string') return [{ path: ['detection', 'condition'], text: c }]
  if (Array.isArray(c)) {
    return c.flatMap((t, i) => (typeof t === 'string' ? [{ path: ['detection', 'condition', i] as YamlPath, text: t }] : []))
  }
  return []
}

export function legacyIssues(value: Record<string, unknown>): LegacyIssue[] {
  const issues: LegacyIssue[] = []
  for (const key of ['date', 'modified']) {
    const v = value[key]
    if (typeof v === 'string' && SLASH_DATE.test(v)) {
      issues.push({
        path: [key],
        message: `${key}: '${v}' is the Sigma 1.x YYYY/MM/DD form; Sigma 2 requires YYYY-MM-DD (${v.replace(/\//g, '-')})`,
      })
    }
  }
  const detection = value.detection
  if (detection !== null && typeof detection === 'object' && !Array.isArray(detection)) {
    const d = detection as Record<string, unknown>
    if ('timeframe' in d) {
      issues.push({
        path: ['detection', 'timeframe'],
        message: 'detection.timeframe is Sigma 1.x aggregation syntax; Sigma 2 expresses it as a correlation rule with a timespan',
      })
    }
    for (const { path, text } of conditions(d)) {
      const m = AGGREGATION.exec(text)
      if (m) {
        issues.push({
          path,
          message: `condition uses the Sigma 1.x '| ${m[1]}' aggregation, removed in Sigma 2; write a correlation rule (${m[1] === 'near' ? 'temporal' : 'event_count / value_count'}) instead`,
        })
      } else if (text.includes('|')) {
        issues.push({ path, message: "condition contains '|': pipes are not part of the Sigma 2 condition grammar" })
      }
    }
  }
  return issues
}
