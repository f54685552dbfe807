import type { YamlPath } from '../../shared/yaml/index.js'
import type { CorrelationDetection, Issue, Member, Transition } from './types.js'

/** Panther's default lookback window (panther-analysis's correlation style guide). */
export const DEFAULT_LOOKBACK_MINUTES = 15

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

const ENTRY_KEYS: Record<'Group' | 'Sequence', readonly string[]> = {
  Group: ['Group', 'MatchCriteria', 'MinMatchCount', 'Schedule', 'LookbackWindowMinutes', 'EventEvaluationOrder'],
  Sequence: ['Sequence', 'Transitions', 'Schedule', 'LookbackWindowMinutes', 'EventEvaluationOrder'],
}
const MEMBER_KEYS = ['ID', 'RuleID', 'MinMatchCount', 'MaxMatchCount', 'Absence']
const TRANSITION_KEYS = ['ID', 'From', 'To', 'WithinTimeFrameMinutes', 'Match']

class Issues {
  readonly list: Issue[] = []
  invalid(path: YamlPath, message: string): void {
    this.list.push({ path, message, kind: 'invalid' })
  }
  unsupported(path: YamlPath, message: string): void {
    this.list.push({ path, message, kind: 'unsupported' })
  }
}

function positiveInt(value: unknown, path: YamlPath, name: string, issues: Issues): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    issues.invalid(path, `${name} must be a whole number of at least 1, got ${JSON.stringify(value)}`)
    return undefined
  }
  return value
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: YamlPath, where: string, issues: Issues): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) issues.invalid([...path, key], `'${key}' is not a key of ${where} (allowed: ${allowed.join(', ')})`)
  }
}

function members(value: unknown, path: YamlPath, issues: Issues): Member[] {
  if (!Array.isArray(value) || value.length === 0) {
    issues.invalid(path, `${String(path[path.length - 1])} must be a non-empty list of {ID, RuleID} entries`)
    return []
  }
  const out: Member[] = []
  const seen = new Set<string>()
  value.forEach((raw, i) => {
    const p = [...path, i]
    if (!isMap(raw)) return issues.invalid(p, 'each entry must be a mapping with a RuleID')
    unknownKeys(raw, MEMBER_KEYS, p, 'a correlation entry', issues)
    if (typeof raw.RuleID !== 'string' || raw.RuleID === '') return issues.invalid([...p, 'RuleID'], 'RuleID (the rule whose signals this entry counts) is required')
    if (raw.ID !== undefined && typeof raw.ID !== 'string') return issues.invalid([...p, 'ID'], 'ID must be a string')
    const id = (raw.ID as string | undefined) ?? raw.RuleID
    if (seen.has(id)) return issues.invalid([...p, raw.ID === undefined ? 'RuleID' : 'ID'], `ID '${id}' is used twice; RuleOutputs could not tell the entries apart`)
    seen.add(id)
    if (raw.Absence !== undefined && typeof raw.Absence !== 'boolean') issues.invalid([...p, 'Absence'], 'Absence must be true or false')
    const min = positiveInt(raw.MinMatchCount, [...p, 'MinMatchCount'], 'MinMatchCount', issues) ?? 1
    const max = positiveInt(raw.MaxMatchCount, [...p, 'MaxMatchCount'], 'MaxMatchCount', issues)
    if (max !== undefined && max < min) issues.invalid([...p, 'MaxMatchCount'], `MaxMatchCount ${max} is below MinMatchCount ${min}: the entry can never be satisfied`)
    out.push({ id, ruleId: raw.RuleID, minMatchCount: min, ...(max !== undefined ? { maxMatchCount: max } : {}), absence: raw.Absence === true, path: p })
  })
  return out
}

/**
 * Validates a correlation rule's `Detection` and reads it into the evaluator's model. Every
 * problem is an Issue at its YAML path: `invalid` for what Panther would reject or what can never
 * match, `unsupported` for what Panther accepts but ruleproof cannot reproduce offline.
 */
export function readDetection(value: unknown): { detection?: CorrelationDetection; issues: Issue[] } {
  const issues = new Issues()
  const root: YamlPath = ['Detection']
  if (!Array.isArray(value) || value.length === 0) {
    issues.invalid(root, 'Detection must be a list holding one Group or Sequence entry')
    return { issues: issues.list }
  }
  if (value.length > 1) {
    issues.unsupported([...root, 1], `Detection holds ${value.length} entries; Panther documents one Group or Sequence per correlation rule and ruleproof evaluates exactly one`)
    return { issues: issues.list }
  }
  const entry = value[0]
  const p: YamlPath = [...root, 0]
  if (!isMap(entry)) {
    issues.invalid(p, 'the Detection entry must be a mapping with Group or Sequence')
    return { issues: issues.list }
  }
  const kind = 'Group' in entry ? 'Group' : 'Sequence' in entry ? 'Sequence' : undefined
  if (!kind || ('Group' in entry && 'Sequence' in entry)) {
    issues.invalid(p, 'the Detection entry needs exactly one of Group or Sequence')
    return { issues: issues.list }
  }
  unknownKeys(entry, ENTRY_KEYS[kind], p, `a ${kind} detection`, issues)
  const list = members(entry[kind], [...p, kind], issues)
  const present = list.filter((m) => !m.absence)
  if (list.length > 0 && present.length === 0) issues.invalid([...p, kind], `every ${kind} entry has Absence: true; a correlation needs at least one signal that happens`)

  const lookback = positiveInt(entry.LookbackWindowMinutes, [...p, 'LookbackWindowMinutes'], 'LookbackWindowMinutes', issues) ?? DEFAULT_LOOKBACK_MINUTES
  let rate: number | undefined
  const schedule = entry.Schedule
  if (schedule === undefined) issues.invalid(p, `a ${kind} detection needs a Schedule (RateMinutes or CronExpression, and TimeoutMinutes)`)
  else if (!isMap(schedule)) issues.invalid([...p, 'Schedule'], 'Schedule must be a mapping')
  else {
    unknownKeys(schedule, ['RateMinutes', 'CronExpression', 'TimeoutMinutes'], [...p, 'Schedule'], 'Schedule', issues)
    rate = positiveInt(schedule.RateMinutes, [...p, 'Schedule', 'RateMinutes'], 'RateMinutes', issues)
    if (schedule.CronExpression !== undefined && typeof schedule.CronExpression !== 'string') issues.invalid([...p, 'Schedule', 'CronExpression'], 'CronExpression must be a string')
    if (schedule.RateMinutes === undefined && schedule.CronExpression === undefined) issues.invalid([...p, 'Schedule'], 'Schedule needs RateMinutes or CronExpression')
    if (schedule.TimeoutMinutes === undefined) issues.invalid([...p, 'Schedule'], 'Schedule needs TimeoutMinutes')
    else positiveInt(schedule.TimeoutMinutes, [...p, 'Schedule', 'TimeoutMinutes'], 'TimeoutMinutes', issues)
  }
  const orderValue = entry.EventEvaluationOrder ?? 'Chronological'
  if (orderValue !== 'Chronological' && orderValue !== 'ReverseChronological') {
    issues.invalid([...p, 'EventEvaluationOrder'], `EventEvaluationOrder must be Chronological or ReverseChronological, got ${JSON.stringify(orderValue)}`)
  }
  const order = orderValue === 'ReverseChronological' ? 'ReverseChronological' : 'Chronological'
  const ids = new Map(list.map((m, i) => [m.id, i]))
  const fields = new Map<string, string[]>()
  const addField = (member: string, field: string): void => {
    const f = fields.get(member) ?? []
    if (!f.includes(field)) f.push(field)
    fields.set(member, f)
  }
  const common = { members: list, lookbackMinutes: lookback, ...(rate !== undefined ? { rateMinutes: rate } : {}), order } as const

  if (kind === 'Group') {
    const groupMin = positiveInt(entry.MinMatchCount, [...p, 'MinMatchCount'], 'MinMatchCount', issues)
    if (groupMin !== undefined && groupMin > present.length) {
      issues.invalid([...p, 'MinMatchCount'], `MinMatchCount ${groupMin} is more than the ${present.length} entries without Absence: the group can never match`)
    }
    const criteria = entry.MatchCriteria
    if (criteria !== undefined) {
      if (!isMap(criteria)) issues.invalid([...p, 'MatchCriteria'], 'MatchCriteria must map a criterion name to a list of {GroupID, Match}')
      else {
        for (const [name, items] of Object.entries(criteria)) {
          const cp = [...p, 'MatchCriteria', name]
          if (!Array.isArray(items) || items.length < 2) {
            issues.invalid(cp, `MatchCriteria '${name}' must list at least two {GroupID, Match} entries (the groups whose values must be equal)`)
            continue
          }
          items.forEach((item, i) => {
            const ip = [...cp, i]
            if (!isMap(item)) return issues.invalid(ip, 'each MatchCriteria entry must be a mapping {GroupID, Match}')
            unknownKeys(item, ['GroupID', 'Match'], ip, 'a MatchCriteria entry', issues)
            if (typeof item.GroupID !== 'string' || !ids.has(item.GroupID)) {
              return issues.invalid([...ip, 'GroupID'], `GroupID ${JSON.stringify(item.GroupID)} is not an ID of the Group (${[...ids.keys()].join(', ')})`)
            }
            if (typeof item.Match !== 'string' || item.Match === '') return issues.invalid([...ip, 'Match'], 'Match must name the field whose value is compared')
            addField(item.GroupID, item.Match)
          })
        }
      }
    }
    const detection = { kind: 'group', ...common, fields, ...(groupMin !== undefined ? { minMatchCount: groupMin } : {}) } as const
    return issues.list.length ? { issues: issues.list } : { detection, issues: [] }
  }

  const transitions: Transition[] = []
  const raw = entry.Transitions
  if (raw !== undefined && !Array.isArray(raw)) issues.invalid([...p, 'Transitions'], 'Transitions must be a list of {From, To, …}')
  const given = Array.isArray(raw) ? raw : []
  given.forEach((t, i) => {
    const tp = [...p, 'Transitions', i]
    if (!isMap(t)) return issues.invalid(tp, 'each transition must be a mapping {From, To, WithinTimeFrameMinutes, Match}')
    unknownKeys(t, TRANSITION_KEYS, tp, 'a transition', issues)
    const from = typeof t.From === 'string' ? ids.get(t.From) : undefined
    const to = typeof t.To === 'string' ? ids.get(t.To) : undefined
    if (from === undefined) return issues.invalid([...tp, 'From'], `From ${JSON.stringify(t.From)} is not an ID of the Sequence (${[...ids.keys()].join(', ')})`)
    if (to === undefined) return issues.invalid([...tp, 'To'], `To ${JSON.stringify(t.To)} is not an ID of the Sequence (${[...ids.keys()].join(', ')})`)
    if (to <= from) return issues.invalid([...tp, 'To'], `To '${t.To as string}' does not come after From '${t.From as string}' in the Sequence`)
    if (to !== from + 1) {
      return issues.unsupported(tp, `the transition skips ${to - from - 1} step(s) of the Sequence; ruleproof evaluates transitions between consecutive steps only`)
    }
    if (transitions.some((x) => x.from === from)) return issues.invalid(tp, `a second transition from '${t.From as string}'`)
    const within = positiveInt(t.WithinTimeFrameMinutes, [...tp, 'WithinTimeFrameMinutes'], 'WithinTimeFrameMinutes', issues) ?? lookback
    const transition: Transition = { from, to, withinMinutes: within }
    if (typeof t.ID === 'string') transition.id = t.ID
    if (t.Match !== undefined) {
      const m = Array.isArray(t.Match) && t.Match.length === 1 && isMap(t.Match[0]) ? t.Match[0] : undefined
      if (!m) issues.invalid([...tp, 'Match'], 'Match must be a list of exactly one {On: field} or {From: field, To: field}')
      else {
        unknownKeys(m, ['On', 'From', 'To'], [...tp, 'Match', 0], 'a transition Match', issues)
        if (typeof m.On === 'string' && m.From === undefined && m.To === undefined) {
          transition.fromField = m.On
          transition.toField = m.On
        } else if (m.On === undefined && typeof m.From === 'string' && typeof m.To === 'string') {
          transition.fromField = m.From
          transition.toField = m.To
        } else issues.invalid([...tp, 'Match', 0], 'Match needs either On (one field on both sides) or From and To (a field on each side)')
      }
    }
    if (transition.fromField !== undefined && transition.toField !== undefined) {
      addField((list[from] as Member).id, transition.fromField)
      addField((list[to] as Member).id, transition.toField)
    }
    transitions.push(transition)
  })
  for (let i = 0; i + 1 < list.length; i++) {
    const a = list[i] as Member
    const b = list[i + 1] as Member
    if (a.absence && b.absence) issues.unsupported([...p, 'Sequence', i + 1], `two consecutive steps with Absence ('${a.id}', '${b.id}'); ruleproof cannot place them offline`)
    // A step without a declared transition follows the previous one within the lookback window.
    if (!transitions.some((t) => t.from === i)) transitions.push({ from: i, to: i + 1, withinMinutes: lookback })
  }
  transitions.sort((x, y) => x.from - y.from)
  const detection = { kind: 'sequence', ...common, transitions, fields } as const
  return issues.list.length ? { issues: issues.list } : { detection, issues: [] }
}
