/**
 * Plain-scalar resolution as PyYAML's SafeLoader does it (YAML 1.1), minus timestamps:
 * pySigma and panther_analysis_tool read rules with PyYAML, so `0755` is 493, `00000429`
 * stays a string, `yes` is true and `2024-01-02` stays a string.
 */
const BOOL_TRUE = new Set(['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'])
const BOOL_FALSE = new Set(['no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'])
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL'])
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

/** First characters that can start a non-string plain scalar; anything else is a string at once. */
const MAYBE_TYPED = /^[-+0-9.~nNtTfFyYoO]/

export type ScalarType = 'str' | 'int' | 'float' | 'bool' | 'null'

/** The YAML 1.1 type PyYAML gives a plain scalar. */
export function resolvePlainType(text: string): ScalarType {
  if (text === '') return 'null'
  if (!MAYBE_TYPED.test(text)) return 'str'
  if (NULLS.has(text)) return 'null'
  if (BOOL_TRUE.has(text) || BOOL_FALSE.has(text)) return 'bool'
  if (INT.test(text)) return 'int'
  if (FLOAT.test(text)) return 'float'
  return 'str'
}

function sexagesimal(digits: string): number {
  let value = 0
  for (const part of digits.split(':')) value = value * 60 + Number(part)
  return value
}

/** Builds a JS value; integers beyond 2^53 keep their text so nothing is silently rounded. */
export function constructInt(text: string): number | string {
  let s = text.replace(/_/g, '')
  let sign = 1
  if (s[0] === '-') sign = -1
  if (s[0] === '-' || s[0] === '+') s = s.slice(1)
  let n: number
  if (s === '0') return 0
  if (s.startsWith('0b')) n = parseInt(s.slice(2), 2)
  else if (s.startsWith('0x')) n = parseInt(s.slice(2), 16)
  else if (s[0] === '0') n = parseInt(s, 8)
  else if (s.includes(':')) n = sexagesimal(s)
  else n = Number(s)
  n *= sign
  return Number.isSafeInteger(n) ? n : text
}

export function constructFloat(text: string): number {
  const s = text.replace(/_/g, '').toLowerCase()
  if (s.endsWith('.inf')) return s[0] === '-' ? -Infinity : Infinity
  if (s === '.nan') return NaN
  if (s.includes(':')) {
    const sign = s[0] === '-' ? -1 : 1
    return sign * sexagesimal(s.replace(/^[-+]/, ''))
  }
  return Number(s)
}

export function constructBool(text: string): boolean {
  return BOOL_TRUE.has(text)
}

/** Resolves a plain scalar to its JS value. */
export function resolvePlain(text: string): unknown {
  switch (resolvePlainType(text)) {
    case 'null':
      return null
    case 'bool':
      return constructBool(text)
    case 'int':
      return constructInt(text)
    case 'float':
      return constructFloat(text)
    default:
      return text
  }
}
