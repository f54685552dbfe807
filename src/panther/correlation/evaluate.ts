import { timeText } from './signals.js'
import type { CorrelationDetection, GroupDetection, Member, SequenceDetection, Signal, Verdict } from './types.js'

const MINUTE = 60_000

export interface EvaluateOptions {
  /** The test wrote minute offsets (reasons then say "minute 30", not a timestamp). */
  offsets: boolean
}

interface Attempt {
  match: boolean
  /** How close the attempt came: higher is closer (picks the reason of a non-match). */
  score: number
  reason: string
}

/**
 * Whether a correlation rule matches the signals of one test, with Panther's documented model:
 * the rule runs every RateMinutes and each run looks at the signals of the last
 * LookbackWindowMinutes. Offline the last run is placed at the test's latest signal and earlier
 * runs every RateMinutes before it (one run with a CronExpression). A run matches when, for one
 * shared value of the matched fields (MatchCriteria, or the transitions' Match), the Group's
 * entries all happened (MinMatchCount..MaxMatchCount times, or the Group's MinMatchCount of
 * them) and no Absence entry did — or the Sequence's steps happened in order, each within its
 * transition's WithinTimeFrameMinutes of the previous one, with no Absence step between them.
 */
export function evaluateCorrelation(detection: CorrelationDetection, signals: readonly Signal[], options: EvaluateOptions): Verdict {
  if (signals.length === 0) return { match: false, reason: 'the test has no signals (RuleOutputs is empty)' }
  const times = signals.map((s) => s.time)
  const last = Math.max(...times)
  const first = Math.min(...times)
  const lookback = detection.lookbackMinutes * MINUTE
  const rate = detection.rateMinutes === undefined ? undefined : detection.rateMinutes * MINUTE
  const keys = keysOf(detection, signals)
  let best: Attempt | undefined
  for (let run = last; run >= first; run -= rate ?? Number.POSITIVE_INFINITY) {
    const window = signals.filter((s) => s.time >= run - lookback && s.time <= run)
    for (const key of keys) {
      const attempt =
        detection.kind === 'group' ? groupAttempt(detection, window, key, options) : sequenceAttempt(detection, window, signals, key, options)
      const where = `${key === undefined ? '' : `for ${JSON.stringify(key)} `}in the run at ${timeText(run, options.offsets)} (lookback ${detection.lookbackMinutes} min)`
      if (attempt.match) return { match: true, reason: `matched ${where}: ${attempt.reason}` }
      if (!best || attempt.score > best.score) best = { ...attempt, reason: `${where}: ${attempt.reason}` }
    }
    if (rate === undefined) break
  }
  return { match: false, reason: best ? `no match; closest ${best.reason}` : 'no match' }
}

/** The values a run can be matched on; [undefined] when nothing is matched on (any signals go). */
function keysOf(detection: CorrelationDetection, signals: readonly Signal[]): (string | undefined)[] {
  if (detection.fields.size === 0) return [undefined]
  const keys = new Set<string>()
  for (const s of signals) {
    for (const f of detection.fields.get(s.member) ?? []) for (const v of s.fields.get(f) ?? []) keys.add(v)
  }
  return keys.size ? [...keys].sort() : [undefined]
}

function qualifies(detection: CorrelationDetection, s: Signal, key: string | undefined): boolean {
  const fields = detection.fields.get(s.member)
  if (key === undefined || !fields || fields.length === 0) return true
  return fields.every((f) => s.fields.get(f)?.has(key) === true)
}

function countText(m: Member): string {
  return m.maxMatchCount === undefined ? `at least ${m.minMatchCount}` : `${m.minMatchCount} to ${m.maxMatchCount}`
}

function groupAttempt(d: GroupDetection, window: readonly Signal[], key: string | undefined, o: EvaluateOptions): Attempt {
  const present = d.members.filter((m) => !m.absence)
  const need = d.minMatchCount ?? present.length
  const seen: string[] = []
  const missing: string[] = []
  const absent: string[] = []
  let satisfied = 0
  for (const m of d.members) {
    const hits = window.filter((s) => s.member === m.id && qualifies(d, s, key))
    if (m.absence) {
      if (hits.length >= m.minMatchCount) absent.push(`'${m.id}' (Absence) happened at ${timeText((hits[0] as Signal).time, o.offsets)}`)
      continue
    }
    const ok = hits.length >= m.minMatchCount && (m.maxMatchCount === undefined || hits.length <= m.maxMatchCount)
    if (ok) {
      satisfied++
      seen.push(`'${m.id}' ×${hits.length}`)
    } else missing.push(`'${m.id}' happened ${hits.length} time(s), needs ${countText(m)}`)
  }
  const match = satisfied >= need && absent.length === 0
  if (match) return { match, score: Infinity, reason: seen.join(', ') }
  const problems = [...(satisfied < need ? missing : []), ...absent]
  const quota = d.minMatchCount === undefined ? '' : ` (${satisfied} of the ${need} entries the Group's MinMatchCount needs)`
  return { match, score: satisfied - absent.length, reason: `${problems.join('; ')}${quota}` }
}

function sequenceAttempt(d: SequenceDetection, window: readonly Signal[], all: readonly Signal[], key: string | undefined, o: EvaluateOptions): Attempt {
  const steps = d.members
  const within = (to: number): number => (d.transitions.find((t) => t.to === to)?.withinMinutes ?? d.lookbackMinutes) * MINUTE
  const hitsOf = (i: number, pool: readonly Signal[]): number[] =>
    pool.filter((s) => s.member === (steps[i] as Member).id && qualifies(d, s, key)).map((s) => s.time)
  const assigned: (number | undefined)[] = new Array<number | undefined>(steps.length).fill(undefined)
  let deepest = -1
  let failure = ''
  const fail = (depth: number, why: string): false => {
    if (depth > deepest) {
      deepest = depth
      failure = why
    }
    return false
  }

  const absenceHolds = (): boolean => {
    for (let j = 0; j < steps.length; j++) {
      const m = steps[j] as Member
      if (!m.absence) continue
      const p = lastPresent(j)
      const q = nextPresent(j)
      let from: number
      let to: number
      if (p !== undefined && q !== undefined) [from, to] = [assigned[p] as number, assigned[q] as number]
      else if (q !== undefined) [from, to] = [(assigned[q] as number) - within(q), assigned[q] as number]
      else if (p !== undefined) [from, to] = [assigned[p] as number, (assigned[p] as number) + within(j)]
      else continue
      // The test holds the whole story, so signals after the run also count against an Absence.
      const hits = hitsOf(j, all).filter((t) => t >= from && t <= to)
      if (hits.length >= m.minMatchCount) {
        return fail(steps.length, `'${m.id}' (Absence) happened at ${timeText(hits[0] as number, o.offsets)}, between ${timeText(from, o.offsets)} and ${timeText(to, o.offsets)}`)
      }
    }
    return true
  }
  const lastPresent = (j: number): number | undefined => {
    for (let i = j - 1; i >= 0; i--) if (!(steps[i] as Member).absence) return i
    return undefined
  }
  const nextPresent = (j: number): number | undefined => {
    for (let i = j + 1; i < steps.length; i++) if (!(steps[i] as Member).absence) return i
    return undefined
  }

  const search = (i: number, prev: number | undefined): boolean => {
    if (i === steps.length) return absenceHolds()
    const m = steps[i] as Member
    if (m.absence) return search(i + 1, prev)
    const hits = hitsOf(i, window).filter((t) => prev === undefined || t >= prev)
    const limit = prev === undefined ? Infinity : prev + within(i)
    const candidates = [...new Set(hits.filter((t) => t <= limit))]
    for (const t of candidates) {
      const count = hits.filter((h) => h <= t).length
      if (count < m.minMatchCount || (m.maxMatchCount !== undefined && count > m.maxMatchCount)) continue
      assigned[i] = t
      if (search(i + 1, t)) return true
    }
    assigned[i] = undefined
    const after = prev === undefined ? '' : ` within ${within(i) / MINUTE} min after ${timeText(prev, o.offsets)}`
    return fail(i, `step '${m.id}' happened ${candidates.length === hits.length ? hits.length : `${candidates.length} of ${hits.length}`} time(s)${after}, needs ${countText(m)}`)
  }

  if (search(0, undefined)) {
    const path = steps
      .map((m, i) => (m.absence ? `no '${m.id}'` : `'${m.id}' at ${timeText(assigned[i] as number, o.offsets)}`))
      .join(' → ')
    return { match: true, score: Infinity, reason: path }
  }
  return { match: false, score: deepest, reason: failure }
}
