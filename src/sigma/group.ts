/**
 * Many Sigma rules evaluated together over one stream of records (replay at corpus scale): each
 * field is read once per record however many rules read it (`SharedFields`), and a prefilter
 * (`RuleGroup`) indexes the rules' needs — the values a match cannot do without, per field — so
 * a record only meets the rules whose every need it satisfies. Rules with no need stated are
 * always evaluated. Verdicts are those of each rule evaluated alone.
 */
import type { FieldAccessor } from './fields.js'
import type { Needs } from './compile/needs.js'
import { memoize, numericValue, scalarText, someElement } from './values/match.js'

const NO_RECORD: unique symbol = Symbol('no record')

/**
 * A per-record cache of field values keyed by accessor identity (pipelines and the default
 * accessor hand out one function per field, so rules reading a field share its slot). Values are
 * cached for the record given to `begin` only; any other record is read directly.
 */
export class SharedFields {
  private record: unknown = NO_RECORD
  private generation = 0
  private readonly stamps: number[] = []
  private readonly values: unknown[] = []
  private readonly readers = new Map<FieldAccessor, FieldAccessor>()

  /** Number of distinct fields read through the cache. */
  get size(): number {
    return this.readers.size
  }

  /** Starts a record: cached values of the previous one are forgotten. */
  begin(record: unknown): void {
    this.record = record
    this.generation++
  }

  /** Ends the record: later reads go to the accessors (the slots keep one record's values at most). */
  end(): void {
    this.record = NO_RECORD
  }

  /** The caching reader for an accessor (one per accessor). */
  readonly share = (read: FieldAccessor): FieldAccessor => {
    let reader = this.readers.get(read)
    if (reader) return reader
    const slot = this.stamps.length
    this.stamps.push(-1)
    this.values.push(undefined)
    const { stamps, values } = this
    reader = (r) => {
      if (r !== this.record) return read(r)
      if (stamps[slot] === this.generation) return values[slot]
      // Stamped only once read: an accessor that throws throws again for the next rule.
      const v = read(r)
      values[slot] = v
      stamps[slot] = this.generation
      return v
    }
    this.readers.set(read, reader)
    return reader
  }
}

/** One rule of a group: its predicate (compiled with the group's `share`) and its needs. */
export interface GroupMember {
  match: (record: unknown) => boolean
  needs: Needs
}

/** A verdict in `RuleGroup.evaluate`'s output. */
export const NO_MATCH = 0
export const MATCH = 1
/** The rule's predicate threw on this record (`RuleGroup.errors` holds the error). */
export const ERROR = 2

interface IndexedField {
  read: FieldAccessor
  /** Lower-cased value text → the needs (ids) that value satisfies. */
  needs: Map<string, number[]>
  /** Numeric value → the needs it satisfies (empty when no need on the field names a number). */
  numbers: Map<number, number[]>
  /** Members with a need on this field (when reading it throws, they are all evaluated). */
  members: number[]
}

const fold = memoize((t: string) => t.toLowerCase(), 1024, 128)

/**
 * The prefilter counts, per record, how many of each member's needs the record satisfies (each
 * need is a (field, values) pair, indexed by value); a member is evaluated when all of them are.
 */
export class RuleGroup {
  private readonly always: number[] = []
  private readonly fields: IndexedField[] = []
  /** Member of each need; number of needs of each member. */
  private readonly needOwner: number[] = []
  private readonly needCount: Uint32Array
  /** Per record (`epoch`): needs already counted, and each member's count of needs met. */
  private readonly needSeen: Uint32Array
  private readonly metAt: Uint32Array
  private readonly met: Uint32Array
  private readonly queuedAt: Uint32Array
  private epoch = 0
  private readonly candidates: number[] = []
  /** The error each member threw on the last record, where `evaluate` said ERROR. */
  readonly errors: unknown[]

  constructor(
    private readonly members: readonly GroupMember[],
    private readonly shared: SharedFields,
  ) {
    this.needCount = new Uint32Array(members.length)
    this.metAt = new Uint32Array(members.length)
    this.met = new Uint32Array(members.length)
    this.queuedAt = new Uint32Array(members.length)
    this.errors = new Array<unknown>(members.length)
    const byRead = new Map<FieldAccessor, IndexedField>()
    members.forEach((m, i) => {
      if (m.needs.length === 0) {
        this.always.push(i)
        return
      }
      for (const need of m.needs) {
        const id = this.needOwner.length
        this.needOwner.push(i)
        this.needCount[i]!++
        const read = shared.share(need.read)
        let f = byRead.get(read)
        if (!f) {
          f = { read, needs: new Map(), numbers: new Map(), members: [] }
          byRead.set(read, f)
          this.fields.push(f)
        }
        if (f.members[f.members.length - 1] !== i) f.members.push(i)
        for (const v of need.values) {
          const list = f.needs.get(v)
          if (list) list.push(id)
          else f.needs.set(v, [id])
        }
        for (const v of need.numbers) {
          const list = f.numbers.get(v)
          if (list) list.push(id)
          else f.numbers.set(v, [id])
        }
      }
    })
    this.needSeen = new Uint32Array(this.needOwner.length)
  }

  /** Members evaluated on every record (no indexable need). */
  get unindexed(): number {
    return this.always.length
  }

  /** Counts the needs one scalar value of an indexed field meets. */
  private meet(f: IndexedField, x: unknown, e: number): void {
    const t = typeof x === 'string' ? x : scalarText(x)
    if (t !== undefined) {
      const ids = f.needs.get(fold(t))
      if (ids !== undefined) this.count(ids, e)
    }
    if (f.numbers.size > 0) {
      // As the compiled number test reads a value: a number, or a string holding one.
      const n = typeof x === 'number' ? x : numericValue(x)
      const ids = n === undefined ? undefined : f.numbers.get(n)
      if (ids !== undefined) this.count(ids, e)
    }
  }

  private count(ids: readonly number[], e: number): void {
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j] as number
      if (this.needSeen[id] === e) continue // met already (another element or alternative)
      this.needSeen[id] = e
      const i = this.needOwner[id] as number
      if (this.metAt[i] !== e) {
        this.metAt[i] = e
        this.met[i] = 0
      }
      if (++this.met[i]! === this.needCount[i]) this.enqueue(i, e)
    }
  }

  /** Makes a member a candidate of the record (once). */
  private enqueue(i: number, e: number): void {
    if (this.queuedAt[i] === e) return
    this.queuedAt[i] = e
    this.candidates.push(i)
  }

  /**
   * Every member's verdict on `record` into `out` (NO_MATCH, MATCH or ERROR); members the
   * prefilter rules out get NO_MATCH without being evaluated.
   */
  evaluate(record: unknown, out: Uint8Array): void {
    const { members, candidates } = this
    if (this.epoch === 0xffffffff) {
      this.needSeen.fill(0)
      this.metAt.fill(0)
      this.queuedAt.fill(0)
      this.epoch = 0
    }
    const e = ++this.epoch
    out.fill(NO_MATCH)
    candidates.length = 0
    this.shared.begin(record)
    try {
      for (let k = 0; k < this.fields.length; k++) {
        const f = this.fields[k] as IndexedField
        let value: unknown
        try {
          value = f.read(record)
        } catch {
          // Each rule meets the same error in its own evaluation.
          for (const i of f.members) this.enqueue(i, e)
          continue
        }
        if (value === undefined) continue
        if (!Array.isArray(value)) this.meet(f, value, e)
        else someElement(value, record, (x) => (this.meet(f, x, e), false))
      }
      for (let i = 0; i < this.always.length; i++) candidates.push(this.always[i] as number)
      for (let c = 0; c < candidates.length; c++) {
        const i = candidates[c] as number
        try {
          out[i] = (members[i] as GroupMember).match(record) ? MATCH : NO_MATCH
        } catch (err) {
          out[i] = ERROR
          this.errors[i] = err
        }
      }
    } finally {
      this.shared.end()
    }
  }
}
