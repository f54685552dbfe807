import { parseIpNetwork } from '../values/cidr.js'
import { type SigmaString, hasWildcards, plainText } from '../values/sigma-string.js'
import type { CompareOp, SigmaNumber, SigmaTimePart, SigmaValue } from '../values/types.js'
import { type ModifierDef, ModifierError } from './types.js'

function comparison(op: CompareOp, description: string): ModifierDef {
  return {
    name: op,
    aliases: [],
    family: 'comparison',
    scope: 'value',
    accepts: ['number', 'timepart'],
    returns: ['compare', 'timepart'],
    description,
    apply(v): SigmaValue {
      if (v.type === 'timepart') {
        if ((v as SigmaTimePart).op !== 'eq') throw new ModifierError(`'${op}' cannot follow another comparison`)
        return { ...v, op }
      }
      return { type: 'compare', op, value: (v as SigmaNumber).value }
    },
  }
}

export const lt = comparison('lt', 'the field is a number less than the value')
export const lte = comparison('lte', 'the field is a number less than or equal to the value')
export const gt = comparison('gt', 'the field is a number greater than the value')
export const gte = comparison('gte', 'the field is a number greater than or equal to the value')

/** `f|neq: [a, b]` = NOT (f = a OR f = b): the whole item is negated (missing field → true). */
export const neq: ModifierDef = {
  name: 'neq',
  aliases: [],
  family: 'list',
  scope: 'list',
  accepts: [],
  returns: [],
  description: 'the field differs from the value(s): the negated item',
}

/** Values AND-linked instead of OR-linked. */
export const all: ModifierDef = {
  name: 'all',
  aliases: [],
  family: 'list',
  scope: 'list',
  accepts: [],
  returns: [],
  description: 'all values must match (AND instead of OR)',
}

/** `f|exists: true` = present, whatever the value (null too: spec, modifiers appendix); `false` = absent. */
export const exists: ModifierDef = {
  name: 'exists',
  aliases: [],
  family: 'comparison',
  scope: 'value',
  accepts: ['boolean'],
  returns: ['exists'],
  first: true,
  description: 'the field exists (true) or does not (false)',
  apply(v) {
    return { type: 'exists', value: (v as { value: boolean }).value }
  },
}

/** An IPv4 / IPv6 network, strictly parsed (host bits must be zero). */
export const cidr: ModifierDef = {
  name: 'cidr',
  aliases: [],
  family: 'comparison',
  scope: 'value',
  accepts: ['string'],
  returns: ['cidr'],
  first: true,
  description: 'the field is an IP address inside the network',
  apply(v) {
    const text = ((v as SigmaString).original ?? '').trim()
    const network = parseIpNetwork(text)
    if (typeof network === 'string') throw new ModifierError(network)
    return { type: 'cidr', network }
  },
}

/** The value names another field of the same event. */
export const fieldref: ModifierDef = {
  name: 'fieldref',
  aliases: [],
  family: 'comparison',
  scope: 'value',
  accepts: ['string'],
  returns: ['fieldref'],
  description: 'compare with the value of another field of the same event',
  apply(v) {
    const s = v as SigmaString
    const field = plainText(s)
    if (field === undefined || hasWildcards(s)) throw new ModifierError('a field reference cannot contain wildcards or placeholders')
    if (field === '') throw new ModifierError('a field reference needs a field name')
    return { type: 'fieldref', field, shape: 'exact', cased: s.cased }
  },
}
