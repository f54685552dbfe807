/**
 * Python `re` syntax → JavaScript RegExp (reference §5.9). Sigma regexes are written for Python;
 * Node 20 rejects inline flag groups and reads a few escapes differently. We translate what has a
 * faithful equivalent and reject what has none, so a rule never silently changes meaning.
 */

export interface TranslatedRegex {
  source: string
  flags: string
}

/** Thrown for Python constructs JavaScript cannot express; `message` says which. */
export class RegexTranslationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RegexTranslationError'
  }
}

const FLAG_CHARS = new Set(['i', 'm', 's', 'x', 'a', 'u', 'L'])
/** ASCII-letter escapes Python's `re` defines outside and inside character classes (x/u/U handled apart). */
const PY_ESCAPES = 'AbBdDsSwWZfnrtv'
const PY_CLASS_ESCAPES = 'bdDsSwWfnrtv'

/**
 * Translates a Python regex: leading inline flags `(?ims)` become RegExp flags, `(?P<n>…)` /
 * `(?P=n)` become named groups / back-references, `\A` / `\Z` become string anchors, `$` (outside
 * classes, without `m`) also matches before a final newline as in Python, `{,n}` becomes `{0,n}`
 * and `(?#…)` comments are dropped. Search (unanchored) semantics are kept.
 */
export function translatePythonRegex(pattern: string, extraFlags: string): TranslatedRegex {
  const flags = new Set(extraFlags.split('').filter((f) => f !== ''))
  let src = pattern
  // Leading global inline flags, possibly several groups: (?i)(?s)…
  for (;;) {
    const m = /^\(\?([a-zA-Z]+)\)/.exec(src)
    if (!m) break
    for (const f of m[1] as string) {
      if (!FLAG_CHARS.has(f)) throw new RegexTranslationError(`unknown inline flag '${f}'`)
      if (f === 'x') throw new RegexTranslationError('verbose mode (?x) has no JavaScript equivalent')
      if (f === 'i' || f === 'm' || f === 's') flags.add(f)
      // a/u/L only change \w-style classes; JavaScript's are ASCII, i.e. the (?a) behaviour.
    }
    src = src.slice(m[0].length)
  }
  const multiline = flags.has('m')
  let out = ''
  let inClass = false
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string
    if (c === '\\') {
      const n = src[i + 1]
      if (n === undefined) throw new RegexTranslationError('pattern ends with a lone backslash')
      if (!inClass && n === 'A') out += multiline ? '(?<![\\s\\S])' : '^'
      else if (!inClass && n === 'Z') out += '(?![\\s\\S])'
      else if (n === 'a') out += '\\x07' // Python's bell; JavaScript reads `\a` as a plain `a`
      else if (n === 'x' || n === 'u' || n === 'U') {
        // Python requires the full hex digit count; JavaScript would silently read a plain letter.
        const digits = n === 'x' ? 2 : n === 'u' ? 4 : 8
        const hex = src.slice(i + 2, i + 2 + digits)
        if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) throw new RegexTranslationError(`incomplete escape \\${n}${hex}`)
        const code = parseInt(hex, 16)
        if (code > 0x10ffff) throw new RegexTranslationError(`bad escape \\${n}${hex}`)
        if (code > 0xffff && inClass) throw new RegexTranslationError(`\\${n}${hex} (outside the Basic Multilingual Plane) in a character class has no JavaScript equivalent without the u flag`)
        const units = String.fromCodePoint(code).split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`)
        // A surrogate pair is grouped so that a following quantifier applies to the whole character.
        out += units.length > 1 ? `(?:${units.join('')})` : (units[0] as string)
        i += 1 + digits
        continue
      } else if (n === 'N') throw new RegexTranslationError('named character escapes \\N{…} have no JavaScript equivalent')
      else if (/[A-Za-z]/.test(n) && !(inClass ? PY_CLASS_ESCAPES : PY_ESCAPES).includes(n))
        // Python rejects escapes of ASCII letters it does not define (`\z`, `\p`, `\k`…); JavaScript
        // reads most of them as the letter itself or as something else, so the rule would change meaning.
        throw new RegexTranslationError(`bad escape \\${n}`)
      else out += c + n
      i++
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      out += c
      continue
    }
    if (c === '[') {
      inClass = true
      out += c
      // A ']' right after '[' or '[^' is literal in Python; JavaScript needs it escaped.
      if (src[i + 1] === '^') {
        out += '^'
        i++
      }
      if (src[i + 1] === ']') {
        out += '\\]'
        i++
      }
      continue
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i)
      let m: RegExpExecArray | null
      if ((m = /^\(\?P<([A-Za-z_]\w*)>/.exec(rest))) {
        out += `(?<${m[1]}>`
        i += m[0].length - 1
        continue
      }
      if ((m = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest))) {
        out += `\\k<${m[1]}>`
        i += m[0].length - 1
        continue
      }
      if ((m = /^\(\?#[^)]*\)/.exec(rest))) {
        i += m[0].length - 1
        continue
      }
      if (/^\(\?>/.test(rest)) throw new RegexTranslationError('atomic groups (?>…) have no JavaScript equivalent')
      if (/^\(\?[a-zA-Z]*-?[a-zA-Z]*:/.test(rest) && !rest.startsWith('(?:'))
        throw new RegexTranslationError(`scoped inline flags '${rest.slice(0, rest.indexOf(':') + 1)}' are not supported in JavaScript`)
      if (/^\(\?[a-zA-Z]+\)/.test(rest)) throw new RegexTranslationError('inline flags must be at the start of the expression')
      if (/^\(\?\(/.test(rest)) throw new RegexTranslationError('conditional groups (?(…)…) have no JavaScript equivalent')
      if (/^\(\?<[^=!]/.test(rest)) throw new RegexTranslationError("named groups are written (?P<name>…) in Python; '(?<' is an unknown extension")
    }
    if (c === '$') {
      // Python's `$` also matches right before a final newline; with `m`, before every `\n` only
      // (JavaScript's multiline `$` also stops before `\r`, U+2028 and U+2029).
      out += multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))'
      continue
    }
    if (c === '^' && multiline) {
      // Python's multiline `^`: at the start or after `\n` only.
      out += '(?<![^\\n])'
      continue
    }
    if (c === '.' && !flags.has('s')) {
      // Python's `.` excludes only `\n`; JavaScript's also excludes `\r`, U+2028 and U+2029.
      out += '[^\\n]'
      continue
    }
    if (c === '{') {
      const m = /^\{,(\d+)\}/.exec(src.slice(i))
      if (m) {
        out += `{0,${m[1]}}`
        i += m[0].length - 1
        continue
      }
    }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && src[i + 1] === '+') {
      throw new RegexTranslationError('possessive quantifiers have no JavaScript equivalent')
    }
    out += c
  }
  const flagText = ['i', 'm', 's'].filter((f) => flags.has(f)).join('')
  return { source: out, flags: flagText }
}

/** Compiles a translated regex, turning JavaScript syntax errors into translation errors. */
export function compileRegex(pattern: string, extraFlags: string): RegExp {
  const t = translatePythonRegex(pattern, extraFlags)
  try {
    // No `u` flag: several SigmaHQ regexes use identity escapes (`\"`, `\-`) that `u` rejects.
    return new RegExp(t.source, t.flags)
  } catch (err) {
    throw new RegexTranslationError((err as Error).message)
  }
}
