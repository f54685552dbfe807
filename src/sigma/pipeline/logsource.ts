import type { Logsource } from './types.js'

const KEYS = ['product', 'service', 'category'] as const

/** A pipeline logsource condition matches a rule's logsource when every key it sets is equal (case-insensitive). */
export function logsourceMatches(condition: Logsource, rule: Logsource): boolean {
  return KEYS.every((k) => condition[k] === undefined || (rule[k] !== undefined && condition[k]!.toLowerCase() === rule[k]!.toLowerCase()))
}
