/**
 * Sigma modifier names and the ordering rules a linter enforces (spec 2.1.0 appendix plus
 * pySigma's aliases). Kept as data here because the linter also judges chains that the
 * evaluator refuses outright.
 */
export const MODIFIERS = new Set([
  'contains', 'startswith', 'endswith', 'all', 'exists', 'cased', 'neq', 'windash', 're', 'i', 'm', 's',
  'ignorecase', 'multiline', 'dotall', 'base64', 'base64offset', 'utf16le', 'wide', 'utf16be', 'utf16',
  'lt', 'lte', 'gt', 'gte', 'minute', 'hour', 'day', 'week', 'month', 'year', 'cidr', 'expand', 'fieldref',
])

/** Modifiers that must come first in the chain. */
export const FIRST_ONLY = new Set(['re', 'cidr', 'exists'])
export const REGEX_FLAGS = new Set(['i', 'm', 's', 'ignorecase', 'multiline', 'dotall'])
export const TIME_PARTS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year'])
export const COMPARISONS = new Set(['lt', 'lte', 'gt', 'gte'])
/** Modifiers that add wildcards: nothing that encodes bytes may follow them. */
export const WILDCARDING = new Set(['contains', 'startswith', 'endswith'])
export const ENCODINGS = new Set(['base64', 'base64offset', 'utf16le', 'wide', 'utf16be', 'utf16'])
/** Modifiers allowed after `re` (pySigma). */
export const AFTER_RE = new Set([...REGEX_FLAGS, 'contains', 'startswith', 'endswith', 'expand', 'all', 'neq'])
export const AFTER_CIDR = new Set(['all', 'neq'])

/** Splits a detection key into field (null for keywords) and modifiers. */
export function splitKey(key: string): { field: string | null; modifiers: string[] } {
  const parts = key.split('|')
  const field = parts[0] as string
  return { field: field === '' ? null : field, modifiers: parts.slice(1) }
}
