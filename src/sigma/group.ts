/**
 * Many Sigma rules evaluated together over one stream of records (replay at corpus scale): each
 * field is read once per record however many rules read it (`SharedFields`), and a prefilter
 * (`RuleGroup`) indexes each rule under one of its needs — (field, value) pairs a match cannot do
 * without — so a record only meets the rules whose needs it can satisfy. Rules with no
 * indexable need are always evaluated. Verdicts are those of each rule evaluated alone.
 */
import type { FieldAccessor } from './fields.js'
import type { Need, Needs } from './compile/needs.js'
import { memoize, scalarText, someElement } from './values/match.js'

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
  /** Lower-cased value text → the members indexed under it. */
  rules: Map<string, number[]>
  /** Every member indexed under this field (when reading it throws, they are all evaluated). */
  all: number[]
}

/** The need a member is indexed under: the one with the fewest values (the most selective guess). */
function indexNeed(needs: Needs): Need | undefined {
  let best: Need | undefined
  for (const n of needs) if (best === undefined || n.values.size < best.values.size) best = n
  return best
}

const fold = memoize((t: string) => t.toLowerCase(), 1024, 128)

export class RuleGroup {
  private readonly always: number[] = []
  private readonly fields: IndexedField[] = []
  /** `mark[i] === epoch`: member i is a candidate for the current record. */
  private readonly mark: Uint32Array
  private epoch = 0
  private readonly candidates: number[] = []
  /** The error each member threw on the last record, where `evaluate` said ERROR. */
  readonly errors: unknown[]

  constructor(
    private readonly members: readonly GroupMember[],
    private readonly shared: SharedFields,
  ) {
    this.mark = new Uint32Array(members.length)
    this.errors = new Array<unknown>(members.length)
    const byRead = new Map<FieldAccessor, IndexedField>()
    members.forEach((m, i) => {
      const need = indexNeed(m.needs)
      if (!need) {
        this.always.push(i)
        return
      }
      const read = shared.share(need.read)
      let f = byRead.get(read)
      if (!f) {
        f = { read, rules: new Map(), all: [] }
        byRead.set(read, f)
        this.fields.push(f)
      }
      f.all.push(i)
      for (const v of need.values) {
        const list = f.rules.get(v)
        if (list) list.push(i)
        else f.rules.set(v, [i])
      }
    })
  }

  /** Members evaluated on every record (no indexable need). */
  get unindexed(): number {
    return this.always.length
  }

  /**
   * Every member's verdict on `record` into `out` (NO_MATCH, MATCH or ERROR); members the
   * prefilter rules out get NO_MATCH without being evaluated.
   */
  evaluate(record: unknown, out: Uint8Array): void {
    const { members, mark, candidates } = this
    if (this.epoch === 0xffffffff) {
      mark.fill(0)
      this.epoch = 0
    }
    const e = ++this.epoch
    out.fill(NO_MATCH)
    candidates.length = 0
    this.shared.begin(record)
    try {
      for (let i = 0; i < this.always.length; i++) candidates.push(this.always[i] as number)
      for (let k = 0; k < this.fields.length; k++) {
        const f = this.fields[k] as IndexedField
        let value: unknown
        try {
          value = f.read(record)
        } catch {
          // Each rule will meet the same error in its own evaluation.
          for (const i of f.all) if (mark[i] !== e) (mark[i] = e), candidates.push(i)
          continue
        }
        if (value === undefined) continue
        someElement(value, record, (x) => {
          const t = typeof x === 'string' ? x : scalarText(x)
          if (t === undefined) return false
          const list = f.rules.get(fold(t))
          if (list) for (let j = 0; j < list.length; j++) {
            const i = list[j] as number
            if (mark[i] !== e) (mark[i] = e), candidates.push(i)
          }
          return false
        })
      }
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
