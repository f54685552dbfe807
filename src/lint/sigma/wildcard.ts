/** Sigma string values: wildcards `*` and `?`, escapes `\*`, `\?`, `\\` (spec §3.c). */
export interface SigmaStringParts {
  /** Literal text with wildcards replaced by a marker, for shape tests. */
  tokens: ('*' | '?' | string)[]
  escapedWildcard: boolean
}

const BACKSLASH = 0x5c
const STAR = 0x2a
const QUESTION = 0x3f

export function parseSigmaString(value: string): SigmaStringParts {
  const tokens: string[] = []
  // Literal text is copied in slices between the special characters, not character by character.
  let lit = ''
  let from = 0
  let escapedWildcard = false
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c === BACKSLASH) {
      const n = value.charCodeAt(i + 1)
      if (n === STAR || n === QUESTION || n === BACKSLASH) {
        if (n !== BACKSLASH) escapedWildcard = true
        lit += value.slice(from, i) + (value[i + 1] as string)
        i++
        from = i + 1
      }
      // Before any other character (or at the end) the backslash stays, as literal text.
    } else if (c === STAR || c === QUESTION) {
      lit += value.slice(from, i)
      if (lit) tokens.push(lit)
      lit = ''
      tokens.push(c === STAR ? '*' : '?')
      from = i + 1
    }
  }
  lit += value.slice(from)
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
