import { timeText } from './signals.js'
import type { CorrelationDetection, GroupDetection, Member, SequenceDetection, Signal, Verdict } from './types.js'

const MINUTE = 60_000

/** Work (signals visited) one test may cost before its evaluation stops with an error. */
export const WORK_BUDGET = 20_000_000

export interface EvaluateOptions {
  /** The test wrote minute offsets (reasons then say "minute 30", not a timestamp). */
  offsets: boolean
  /** @defaultValue WORK_BUDGET */
  budget?: number
}

interface Attempt {
  match: boolean
  /** How close the attempt came: higher is closer (picks the reason of a non-match). */
  score: number
  reason: string
}

/** One run's view of one matched value: per entry, its sorted signal times and the window's [lo, hi). */
interface View {
  times: readonly (readonly number[])[]
  lo: number[]
  hi: number[]
}

export class BudgetExceeded extends Error {
  constructor(budget: number) {
    super(`evaluation stopped after ${budget.toLocaleString('en-US')} steps: the test has too many signals to search exhaustively`)
  }
}

/**
 * Whether a correlation rule matches the signals of one test, with Panther's documented model:
 * the rule runs every RateMinutes and each run looks at the signals of the last
 * LookbackWindowMinutes. Offline, for each value the signals are matched on, the last run is
 * placed at that value's latest signal and earlier runs every RateMinutes before it (one run
 * with a CronExpression). A run matches when, for one
 * shared value of the matched fields (MatchCriteria, or the transitions' Match), the Group's
 * entries all happened (MinMatchCount..MaxMatchCount times, or the Group's MinMatchCount of
 * them) and no Absence entry did — or the Sequence's steps happened in order, each within its
 * transition's WithinTimeFrameMinutes of the previous one, with no Absence step between them.
 * Throws BudgetExceeded when a test has too many signals to search exhaustively.
 */
export function evaluateCorrelation(detection: CorrelationDetection, signals: readonly Signal[], options: EvaluateOptions): Verdict {
  if (signals.length === 0) return { match: false, reason: 'the test has no signals (RuleOutputs is empty)' }
  const sorted = [...signals].sort((a, b) => a.time - b.time)
  const lookback = detection.lookbackMinutes * MINUTE
  const rate = detection.rateMinutes === undefined ? undefined : detection.rateMinutes * MINUTE
  const work = { left: options.budget ?? WORK_BUDGET, budget: options.budget ?? WORK_BUDGET }
  let best: Attempt | undefined
  for (const [key, times] of timesByKey(detection, sorted)) {
    let previous = ''
    // Each value's story is judged as of its own latest signal: another value's later signals
    // do not move this value's runs.
    const own = times.flat()
    for (const run of runTimes(own, Math.min(...own), Math.max(...own), lookback, rate)) {
      const lo = times.map((t) => firstAtOrAfter(t, run - lookback))
      const hi = times.map((t) => firstAtOrAfter(t, run, true))
      if (lo.every((l, i) => l === hi[i])) continue
      // Runs whose windows hold the same signals give the same answer.
      const signature = `${lo.join(',')}|${hi.join(',')}`
      if (signature === previous) continue
      previous = signature
      if ((work.left -= times.length) < 0) throw new BudgetExceeded(work.budget)
      const view: View = { times, lo, hi }
      const attempt = detection.kind === 'group' ? groupAttempt(detection, view, options) : sequenceAttempt(detection, view, work, options)
      const where = `${key === undefined ? '' : `for ${JSON.stringify(key)} `}in the run at ${timeText(run, options.offsets)} (lookback ${detection.lookbackMinutes} min)`
      if (attempt.match) return { match: true, reason: `matched ${where}: ${attempt.reason}` }
      if (!best || attempt.score > best.score) best = { ...attempt, reason: `${where}: ${attempt.reason}` }
    }
  }
  return { match: false, reason: best ? `closest run: ${best.reason}` : 'no run holds a signal' }
}

/**
 * Per value the entries can be matched on, per entry, the sorted times of the signals carrying
 * that value on every field the entry is matched on (a signal may carry several values per field:
 * list-on-list matching intersects them). Entries matched on nothing count all their signals for
 * every value; with nothing matched on at all there is one key, undefined.
 */
function timesByKey(d: CorrelationDetection, sorted: readonly Signal[]): Map<string | undefined, number[][]> {
  const index = new Map(d.members.map((m, i) => [m.id, i]))
  const unkeyed: number[][] = d.members.map(() => [])
  const byKey = new Map<string | undefined, number[][]>()
  for (const s of sorted) {
    const i = index.get(s.member)
    if (i === undefined) continue
    const fields = d.fields.get(s.member) ?? []
    if (fields.length === 0) {
      ;(unkeyed[i] as number[]).push(s.time)
      continue
    }
    let values = [...(s.fields.get(fields[0] as string) ?? [])]
    for (const f of fields.slice(1)) values = values.filter((v) => s.fields.get(f)?.has(v) === true)
    for (const v of values) {
      let lists = byKey.get(v)
      if (!lists) byKey.set(v, (lists = d.members.map(() => [])))
      ;(lists[i] as number[]).push(s.time)
    }
  }
  if (byKey.size === 0) return new Map([[undefined, unkeyed]])
  for (const lists of byKey.values()) unkeyed.forEach((t, i) => t.length && (lists[i] = t))
  return new Map([...byKey].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)))
}

/**
 * The runs worth evaluating for these signal times, latest first: runs are at `last - k * rate`
 * (last: the latest of these signals), and a run's window [T - lookback, T] holds a signal at s
 * exactly when T is in [s, s + lookback], so the windows only change at those bounds. At most
 * 4 runs per signal, however small RateMinutes is against the span of the test.
 */
function runTimes(times: readonly number[], first: number, last: number, lookback: number, rate: number | undefined): number[] {
  if (rate === undefined) return [last]
  const runs = new Set<number>([last])
  for (const s of times) {
    for (const bound of [s, s + lookback]) {
      if (bound > last) continue
      // The latest run at or before the bound, and the one before it (the bound itself may be a run).
      const k = Math.ceil((last - bound) / rate)
      for (const t of [last - k * rate, last - (k + 1) * rate]) if (t >= first) runs.add(t)
    }
  }
  return [...runs].sort((a, b) => b - a)
}

function countText(m: Member): string {
  return m.maxMatchCount === undefined ? `at least ${m.minMatchCount}` : `${m.minMatchCount} to ${m.maxMatchCount}`
}

function groupAttempt(d: GroupDetection, v: View, o: EvaluateOptions): Attempt {
  const present = d.members.filter((m) => !m.absence)
  const need = d.minMatchCount ?? present.length
  const seen: string[] = []
  const missing: string[] = []
  const absent: string[] = []
  let satisfied = 0
  d.members.forEach((m, i) => {
    const lo = v.lo[i] as number
    const count = (v.hi[i] as number) - lo
    if (m.absence) {
      if (count >= m.minMatchCount) absent.push(`'${m.id}' (Absence) happened at ${timeText((v.times[i] as number[])[lo] as number, o.offsets)}`)
      return
    }
    if (count >= m.minMatchCount && (m.maxMatchCount === undefined || count <= m.maxMatchCount)) {
      satisfied++
      seen.push(`'${m.id}' ×${count}`)
    } else missing.push(`'${m.id}' happened ${count} time(s), needs ${countText(m)}`)
  })
  const match = satisfied >= need && absent.length === 0
  if (match) return { match, score: Infinity, reason: seen.join(', ') }
  const problems = [...(satisfied < need ? missing : []), ...absent]
  const quota = d.minMatchCount === undefined ? '' : ` (${satisfied} of the ${need} entries the Group's MinMatchCount needs)`
  return { match, score: satisfied - absent.length, reason: `${problems.join('; ')}${quota}` }
}

function sequenceAttempt(d: SequenceDetection, v: View, work: { left: number; budget: number }, o: EvaluateOptions): Attempt {
  const steps = d.members
  const within = (to: number): number => (d.transitions.find((t) => t.to === to)?.withinMinutes ?? d.lookbackMinutes) * MINUTE
  const assigned: (number | undefined)[] = new Array<number | undefined>(steps.length).fill(undefined)
  const failed = new Set<string>()
  let deepest = -1
  let failure = ''
  const fail = (depth: number, why: string): false => {
    if (depth > deepest) {
      deepest = depth
      failure = why
    }
    return false
  }
  /**
   * No signal of absent step j in [from, to]. Absent steps are judged on every signal of the
   * test, not only the run's window: the test holds the whole story, also after the run.
   */
  const absent = (j: number, from: number, to: number, depth: number): boolean => {
    const m = steps[j] as Member
    const times = v.times[j] as number[]
    const lo = firstAtOrAfter(times, from)
    if (firstAtOrAfter(times, to, true) - lo < m.minMatchCount) return true
    return fail(depth, `'${m.id}' (Absence) happened at ${timeText(times[lo] as number, o.offsets)}, between ${timeText(from, o.offsets)} and ${timeText(to, o.offsets)}`)
  }
  /** The absent step before present step i at t holds: none since the previous present step (or within the time frame before t). */
  const gapHolds = (i: number, prev: number | undefined, t: number): boolean => {
    const j = i - 1
    return j < 0 || !(steps[j] as Member).absence || absent(j, prev ?? t - within(i), t, i)
  }
  // search(i, prev) depends on nothing else, so a failure is remembered.
  const search = (i: number, prev: number | undefined): boolean => {
    if (i === steps.length) {
      const j = steps.length - 1
      // A trailing absent step: none within its time frame after the last present step.
      return !(steps[j] as Member).absence || prev === undefined || absent(j, prev, prev + within(j), steps.length)
    }
    const m = steps[i] as Member
    if (m.absence) return search(i + 1, prev)
    const memo = `${i}:${prev ?? ''}`
    if (failed.has(memo)) return false
    const times = v.times[i] as number[]
    const start = prev === undefined ? (v.lo[i] as number) : Math.max(v.lo[i] as number, firstAtOrAfter(times, prev))
    const end = v.hi[i] as number
    const limit = prev === undefined ? Infinity : prev + within(i)
    let inTime = 0
    // Sorted times: the step completes at its count-th signal since the previous step.
    for (let idx = start; idx < end; idx++) {
      if (--work.left < 0) throw new BudgetExceeded(work.budget)
      const t = times[idx] as number
      if (t > limit) break
      inTime = idx - start + 1
      if (times[idx + 1] === t && idx + 1 < end) continue
      if (inTime < m.minMatchCount || (m.maxMatchCount !== undefined && inTime > m.maxMatchCount)) continue
      if (!gapHolds(i, prev, t)) continue
      assigned[i] = t
      if (search(i + 1, t)) return true
    }
    assigned[i] = undefined
    failed.add(memo)
    const after = prev === undefined ? '' : ` within ${within(i) / MINUTE} min after ${timeText(prev, o.offsets)}`
    const total = end - start
    return fail(i, `step '${m.id}' happened ${inTime === total ? total : `${inTime} of ${total}`} time(s)${after}, needs ${countText(m)}`)
  }

  if (search(0, undefined)) {
    const path = steps.map((m, i) => (m.absence ? `no '${m.id}'` : `'${m.id}' at ${timeText(assigned[i] as number, o.offsets)}`)).join(' → ')
    return { match: true, score: Infinity, reason: path }
  }
  return { match: false, score: deepest, reason: failure }
}

/** Index of the first element of sorted `times` at or after `t` (after it: `strictly`); times.length when none. */
function firstAtOrAfter(times: readonly number[], t: number, strictly = false): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const x = times[mid] as number
    if (x < t || (strictly && x === t)) lo = mid + 1
    else hi = mid
  }
  return lo
}
