import { RegexTranslationError, compileRegex } from '../values/regex.js'
import type { SigmaString } from '../values/sigma-string.js'
import type { SigmaRegex } from '../values/types.js'
import { type ModifierDef, ModifierError } from './types.js'

/** The raw YAML string as a (Python-syntax) regular expression, search semantics. */
export const re: ModifierDef = {
  name: 're',
  aliases: [],
  family: 'regex',
  scope: 'value',
  accepts: ['string'],
  returns: ['re'],
  first: true,
  description: 'the value is a regular expression (unanchored search)',
  apply(v) {
    const s = v as SigmaString
    const pattern = s.original ?? ''
    try {
      compileRegex(pattern, '')
    } catch (err) {
      if (err instanceof RegexTranslationError) throw new ModifierError(`invalid regular expression '${pattern}': ${err.message}`)
      throw err
    }
    return { type: 're', pattern, flags: '' }
  },
}

function flag(name: 'i' | 'm' | 's', alias: string, description: string): ModifierDef {
  return {
    name,
    aliases: [alias],
    family: 'regex',
    scope: 'value',
    accepts: ['re'],
    returns: ['re'],
    description,
    apply(v) {
      const r = v as SigmaRegex
      return r.flags.includes(name) ? r : { ...r, flags: r.flags + name }
    },
  }
}

export const reI = flag('i', 'ignorecase', 'regular expression: ignore case')
export const reM = flag('m', 'multiline', 'regular expression: ^ and $ match at line breaks')
export const reS = flag('s', 'dotall', 'regular expression: . also matches newlines')
