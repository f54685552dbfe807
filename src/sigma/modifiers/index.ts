/**
 * The single name → modifier table (spec 2.1.0 plus pySigma's long regex-flag aliases).
 * Lint and docs read it; the compiler resolves every `field|mod` through it.
 */
import { all, cidr, exists, fieldref, gt, gte, lt, lte, neq } from './comparison.js'
import { base64, base64offset, utf16be, utf16le, utf16mod } from './encodings.js'
import { re, reI, reM, reS } from './regex.js'
import { cased, contains, endswith, expand, startswith, windash } from './strings.js'
import { day, hour, minute, month, week, year } from './time.js'
import type { ModifierDef } from './types.js'

export type { ModifierContext, ModifierDef } from './types.js'
export { ModifierError } from './types.js'

/** Every modifier by its canonical name. */
export const modifiers = {
  all,
  base64,
  base64offset,
  cased,
  cidr,
  contains,
  day,
  endswith,
  exists,
  expand,
  fieldref,
  gt,
  gte,
  hour,
  i: reI,
  lt,
  lte,
  m: reM,
  minute,
  month,
  neq,
  re,
  s: reS,
  startswith,
  utf16: utf16mod,
  utf16be,
  utf16le,
  week,
  windash,
  year,
} as const satisfies Record<string, ModifierDef>

export type ModifierName = keyof typeof modifiers

const byName = new Map<string, ModifierDef>()
for (const def of Object.values(modifiers) as ModifierDef[]) {
  byName.set(def.name, def)
  for (const alias of def.aliases) byName.set(alias, def)
}

/** Looks a modifier up by name or alias (case-sensitive, like pySigma). */
export function getModifier(name: string): ModifierDef | undefined {
  return byName.get(name)
}

/** All accepted spellings (names and aliases), sorted. */
export function modifierNames(): string[] {
  return [...byName.keys()].sort()
}
