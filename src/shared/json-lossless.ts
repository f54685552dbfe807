/**
 * JSON.parse that keeps integers beyond 2^53 exact. `JSON.parse` rounds 9007199254740993 to
 * …992, so an event's big id could never equal the rule's value (the YAML loader keeps such
 * integers as their text). Here they become their exact digits, as a string: Sigma compares
 * event values by their text, so `EventID: 9007199254740993` matches, and the event stays plain
 * JSON data (reports and correlation keys serialise it).
 *
 * Lines without a run of 16 digits (every integer beyond 2^53 has one) go straight to JSON.parse.
 * Even that check costs a fraction of a parse, so callers use this only where a rule names such
 * an integer (`namesUnsafeInteger`): elsewhere rounding cannot change a verdict of equality.
 */

const LONG_DIGITS = /\d{16}/

/** Parses JSON text; integers outside the safe range become strings of their exact digits. */
export function parseJsonLossless(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text)
  const unsafe = unsafeIntegers(text)
  if (unsafe.length === 0) return JSON.parse(text)
  // Each unsafe integer token is rewritten as a string starting with a marker; a text that
  // decodes one of its own strings to the marker (it would have to escape it) gets another.
  for (let nonce = 0; ; nonce++) {
    const prefix = `\u0000ruleproof-int${nonce}:`
    let out = ''
    let from = 0
    for (const [start, end] of unsafe) {
      out += text.slice(from, start) + `"\\u0000ruleproof-int${nonce}:${text.slice(start, end)}"`
      from = end
    }
    out += text.slice(from)
    let seen = 0
    let value: unknown
    try {
      value = JSON.parse(out, (_key, v: unknown) => {
        if (typeof v !== 'string' || !v.startsWith(prefix)) return v
        seen++
        return v.slice(prefix.length)
      })
    } catch {
      return JSON.parse(text) // the error as JSON.parse words it, at the original positions
    }
    if (seen === unsafe.length) return value
  }
}

/** [start, end) of each integer token (outside strings) whose value is not a safe integer. */
function unsafeIntegers(text: string): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) {
      // Skip a string, with its escapes.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i)
        if (d === 0x5c) i++
        else if (d === 0x22) break
      }
      continue
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i
      if (c === 0x2d) i++
      while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++
      let integer = true
      while (i < text.length && /[.eE+\-0-9]/.test(text[i] as string)) {
        integer = false
        i++
      }
      const token = text.slice(start, i)
      if (integer && token.replace('-', '').length >= 16 && !Number.isSafeInteger(Number(token))) out.push([start, i])
      i--
    }
  }
  return out
}

const UNSAFE_TEXT = /^[-+]?\d{16,}$/

/**
 * Whether a value (a rule's detection) holds an integer beyond 2^53: a number that is not a safe
 * integer, or the text the YAML loader keeps for one. Iterative.
 */
export function namesUnsafeInteger(value: unknown): boolean {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const x = stack.pop()
    if (typeof x === 'number' && Number.isInteger(x) && !Number.isSafeInteger(x)) return true
    if (typeof x === 'string' && UNSAFE_TEXT.test(x) && !Number.isSafeInteger(Number(x))) return true
    if (typeof x === 'object' && x !== null) for (const v of Array.isArray(x) ? x : Object.values(x)) stack.push(v)
  }
  return false
}
