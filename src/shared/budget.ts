/**
 * A run's overall time budget (`--max-duration`): started when the command starts, checked
 * between units of work (a test, a check, a file, an event line). When it is used up the run
 * stops starting work; what was not done is reported as not run, with this cause.
 */
export interface Budget {
  /** As the user wrote it, for messages: `--max-duration 90s`. */
  readonly label: string
  expired(): boolean
  /** Resolves when the budget is used up (never, for an unlimited budget); holds no timer open. */
  readonly expiry: Promise<void>
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, '': 1000, m: 60_000, min: 60_000, h: 3_600_000 }

/** Milliseconds of `90s`, `10m`, `1h`, `500ms`, `1.5m` or a bare number of seconds; undefined when it is none. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|)\s*$/i.exec(text)
  if (!m) return undefined
  const ms = Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!)
  return Number.isFinite(ms) && ms > 0 ? ms : undefined
}

export function startBudget(ms: number, label: string, now: () => number = Date.now): Budget {
  const end = now() + ms
  // A timer may fire a millisecond before the clock reaches `end`: once it has fired, the
  // budget is spent, so work given up at expiry and the check before the next unit agree.
  let fired = false
  const expiry = new Promise<void>((resolve) => {
    setTimeout(() => {
      fired = true
      resolve()
    }, ms).unref()
  })
  return { label, expired: () => fired || now() >= end, expiry }
}

/** No limit. */
export const UNLIMITED: Budget = { label: 'no limit', expired: () => false, expiry: new Promise<void>(() => {}) }

/** Why a unit of work was not done: the same words in every command and report. */
export function budgetCause(budget: Budget): string {
  return `the run's time budget (${budget.label}) was used up`
}

export function budgetMessage(budget: Budget, what = 'not run'): string {
  return `${what}: ${budgetCause(budget)}`
}

/** `promise`, or `undefined` when the budget runs out first (the work itself is not stopped). */
export async function withinBudget<T>(promise: Promise<T>, budget: Budget): Promise<T | undefined> {
  if (budget === UNLIMITED) return promise
  return Promise.race([promise, budget.expiry.then(() => undefined)])
}
