/** Sigma string values: wildcards `*` and `?`, escapes `\*`, `\?`, `\\` (spec §3.c). */
export interface SigmaStringParts {
  /** Literal text with wildcards replaced by a marker, for shape tests. */
  tokens: ('*' | '?' | string)[]
  escapedWildcard: boolean
}

export function parseSigmaString(value: string): SigmaStringParts {
  const tokens: string[] = []
  let lit = ''
  let escapedWildcard = false
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string
    if (c === '\\') {
      const n = value[i + 1]
      if (n === '*' || n === '?') {
        escapedWildcard = true
        lit += n
        i++
        continue
      }
      if (n === '\\') {
        lit += '\\'
        i++
        continue
      }
      lit += c
      continue
    }
    if (c === '*' || c === '?') {
      if (lit) tokens.push(lit)
      lit = ''
      tokens.push(c === '*' ? '*' : '?')
      continue
    }
    lit += c
  }
  if (lit) tokens.push(lit)
  return { tokens, escapedWildcard }
}

/** A case-insensitive regex for a Sigma string with modifiers contains/startswith/endswith applied. */
export function sigmaStringRegex(value: string, mode: 'exact' | 'contains' | 'startswith' | 'endswith', cased = false): RegExp {
  const { tokens } = parseSigmaString(value)
  let body = tokens
    .map((t) => (t === '*' ? '[\\s\\S]*' : t === '?' ? '[\\s\\S]' : t.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('')
  if (mode === 'contains' || mode === 'endswith') body = '[\\s\\S]*' + body
  if (mode === 'contains' || mode === 'startswith') body = body + '[\\s\\S]*'
  return new RegExp('^' + body + '$', cased ? '' : 'i')
}
