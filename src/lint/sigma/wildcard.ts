import { ANY, ONE, parseSigmaString as parseValue, type StringPart } from '../../sigma/values/sigma-string.js'

/** A Sigma string value as the evaluator reads it (spec §3.c), with what lint asks of it. */
export interface SigmaStringParts {
  /** Literal text and the ANY / ONE wildcard tokens. */
  tokens: readonly StringPart[]
  /** The value escapes a wildcard (`\*`, `\?`): literal text holds one. */
  escapedWildcard: boolean
}

export function parseSigmaString(value: string): SigmaStringParts {
  const tokens = parseValue(value).parts
  // Only an escape puts `*` or `?` into literal text.
  const escapedWildcard = tokens.some((t) => typeof t === 'string' && (t.includes('*') || t.includes('?')))
  return { tokens, escapedWildcard }
}

/** A case-insensitive regex for a Sigma string with modifiers contains/startswith/endswith applied. */
export function sigmaStringRegex(value: string, mode: 'exact' | 'contains' | 'startswith' | 'endswith', cased = false): RegExp {
  const { tokens } = parseSigmaString(value)
  let body = tokens
    .map((t) => (t === ANY ? '[\\s\\S]*' : t === ONE ? '[\\s\\S]' : typeof t !== 'string' ? '' : t.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('')
  if (mode === 'contains' || mode === 'endswith') body = '[\\s\\S]*' + body
  if (mode === 'contains' || mode === 'startswith') body = body + '[\\s\\S]*'
  return new RegExp('^' + body + '$', cased ? '' : 'i')
}
