/**
 * What a detection cannot match without: for some fields, the values one of which the field must
 * hold. Replay's prefilter indexes rules by these (verb = create, resource = pods) so that a
 * record only meets the rules it could satisfy. Derived alongside the predicates, conservatively:
 * a need is only stated where every match implies it (plain strings, numbers and booleans
 * compared for equality; negations, keywords, wildcards and other modifiers state none), so
 * skipping a rule whose needs a record lacks never changes a verdict.
 */
import type { FieldAccessor } from '../fields.js'
import { alternatives } from '../values/match.js'
import type { SigmaValue } from '../values/types.js'

/**
 * The field `read` returns (or some element of it, through nested arrays) has a scalar text
 * (numbers and booleans by their text) whose lower-case form is one of `values`, or a numeric
 * value (a number, or a string holding one: `numericValue`) among `numbers`.
 */
export interface Need {
  field: string
  /** The accessor the detection reads the field with (its identity names the field for sharing). */
  read: FieldAccessor
  values: ReadonlySet<string>
  numbers: ReadonlySet<number>
}

/** Needs that must all hold (an empty list: nothing is known). */
export type Needs = readonly Need[]

export const NO_NEEDS: Needs = []

/** A conjunction needs whatever any of its operands needs. */
export function allNeeds(parts: readonly Needs[]): Needs {
  const out: Need[] = []
  for (const p of parts) out.push(...p)
  return out
}

/** A disjunction needs a field only where every alternative needs it, with the union of their values. */
export function anyNeeds(parts: readonly Needs[]): Needs {
  if (parts.length === 0) return NO_NEEDS
  let acc: Needs = parts[0] as Needs
  for (let i = 1; i < parts.length && acc.length > 0; i++) {
    const other = parts[i] as Needs
    const out: Need[] = []
    for (const a of acc) {
      const b = other.find((n) => n.read === a.read)
      if (b) out.push({ field: a.field, read: a.read, values: new Set([...a.values, ...b.values]), numbers: new Set([...a.numbers, ...b.numbers]) })
    }
    acc = out
  }
  return acc
}

/**
 * What one alternative needs: a plain string (no wildcard), lower-cased; a boolean, by its text
 * (the value itself or a string of it in any case); a number, by numeric value. Else undefined.
 */
function altNeed(v: SigmaValue): { text: string } | { number: number } | undefined {
  switch (v.type) {
    case 'string': {
      if (v.parts.length === 0) return { text: '' }
      const only = v.parts[0]
      return v.parts.length === 1 && typeof only === 'string' ? { text: only.toLowerCase() } : undefined
    }
    case 'boolean':
      return { text: v.value ? 'true' : 'false' }
    case 'number':
      return { number: v.value }
    default:
      return undefined
  }
}

/**
 * The needs of one `field: values` item: the alternatives, when every one is a plain string
 * (exact match, cased or not: a cased equality implies the folded one), a boolean or a number.
 * With `|all`, each value is needed on its own.
 */
export function itemNeeds(field: string, read: FieldAccessor, values: readonly SigmaValue[], all: boolean): Needs {
  const groups = all && values.length > 1 ? values.map((v) => [v]) : [values]
  const out: Need[] = []
  for (const g of groups) {
    const texts = new Set<string>()
    const numbers = new Set<number>()
    let plain = true
    for (const alt of g.flatMap(alternatives)) {
      const n = altNeed(alt)
      if (n === undefined) {
        plain = false
        break
      }
      if ('text' in n) texts.add(n.text)
      else numbers.add(n.number)
    }
    if (plain && texts.size + numbers.size > 0) out.push({ field, read, values: texts, numbers })
  }
  return out
}
