/**
 * How deep a JSON event may nest. Events come from NDJSON, JSON files and YAML (whose parser stops
 * at 100 levels); the evaluator's own walks are iterative, but reports, variants and explanations
 * walk events recursively. Real log records nest a few dozen levels at most; an event deeper than
 * this is that event's error, never a crash of the run.
 */
export const MAX_EVENT_DEPTH = 512

/**
 * Whether `value` nests objects/arrays more than `limit` levels deep; stops early. Recursive, but
 * never more than `limit` + 1 frames deep (a few hundred: far from the stack's end), and faster
 * than an explicit stack: replay checks every record.
 */
export function exceedsDepth(value: unknown, limit = MAX_EVENT_DEPTH): boolean {
  return typeof value === 'object' && value !== null && deeper(value, limit)
}

/** Whether `o`, itself one level, holds more than `left` levels. */
function deeper(o: object, left: number): boolean {
  if (left <= 0) return true
  if (Array.isArray(o)) {
    for (let i = 0; i < o.length; i++) {
      const c: unknown = o[i]
      if (typeof c === 'object' && c !== null && deeper(c, left - 1)) return true
    }
    return false
  }
  const r = o as Record<string, unknown>
  for (const k in r) {
    if (!Object.prototype.hasOwnProperty.call(r, k)) continue
    const c = r[k]
    if (typeof c === 'object' && c !== null && deeper(c, left - 1)) return true
  }
  return false
}

/** The message for an event over the limit, or `undefined` when it is within it. */
export function eventDepthProblem(value: unknown, limit = MAX_EVENT_DEPTH): string | undefined {
  return exceedsDepth(value, limit) ? new EventDepthError(limit).message : undefined
}

/** Thrown where an event over the depth limit is evaluated (the caller reports it as that event's error). */
export class EventDepthError extends Error {
  constructor(limit = MAX_EVENT_DEPTH) {
    super(`the event nests objects and arrays more than ${limit} levels deep`)
    this.name = 'EventDepthError'
  }
}

/** Throws `EventDepthError` for an event over the limit. */
export function assertEventDepth(value: unknown, limit = MAX_EVENT_DEPTH): void {
  if (exceedsDepth(value, limit)) throw new EventDepthError(limit)
}

/**
 * Runs a recursive-descent parser of a query language (KQL, SPL) so that no query can crash the run:
 * one nested past the stack is `tooDeep`'s error instead of a RangeError, and so is a tree deeper
 * than MAX_EVENT_DEPTH objects, which the evaluator and lint checks walk recursively.
 */
export function boundedParse<T>(parse: () => T, tooDeep: (message: string) => Error): T {
  const message = `the query nests too deeply (more than ${MAX_EVENT_DEPTH} levels of syntax)`
  let tree: T
  try {
    tree = parse()
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(message)
    throw e
  }
  if (exceedsDepth(tree)) throw tooDeep(message)
  return tree
}
