import type { SigmaNumber, TimePartName } from '../values/types.js'
import type { ModifierDef } from './types.js'

function part(name: TimePartName, range: string): ModifierDef {
  return {
    name,
    aliases: [],
    family: 'time',
    scope: 'value',
    accepts: ['number'],
    returns: ['timepart'],
    description: `the ${name} (${range}, UTC) of a timestamp field; may be followed by lt/lte/gt/gte`,
    apply(v) {
      return { type: 'timepart', part: name, op: 'eq', value: (v as SigmaNumber).value }
    },
  }
}

export const minute = part('minute', '0–59')
export const hour = part('hour', '0–23')
export const day = part('day', '1–31')
export const week = part('week', 'ISO week 1–53')
export const month = part('month', '1–12')
export const year = part('year', 'e.g. 2026')
