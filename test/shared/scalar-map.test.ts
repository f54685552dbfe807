import fc from 'fast-check'
import { dump } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { parseYamlDocuments } from '../../src/shared/yaml/index.js'
import { yamlScalarLocator } from '../../src/shared/yaml/scalar-map.js'

/** Where each non-blank character of the `q:` value lands in the file: it must be that character. */
function misplaced(text: string): string[] {
  const [doc] = parseYamlDocuments(text, 'f.yml')
  const value = (doc!.value as { q: string }).q
  const loc = yamlScalarLocator(text, doc!.map.key(['q']), doc!.map.value(['q']), value)
  const lines = text.split('\n')
  const bad: string[] = []
  for (let k = 0; k < value.length; k++) {
    if (/\s/.test(value[k]!)) continue
    const at = loc.at(k)
    const got = lines[at.line - 1]?.[at.column - 1]
    // An escaped character is placed at its backslash.
    if (got !== value[k] && got !== '\\') bad.push(`${k} '${value[k]}' -> ${at.line}:${at.column} '${got}'`)
  }
  return bad
}

const wrap = (scalar: string, lineEnd = '\n'): string => ['a: 1', `q: ${scalar}`, 'z: 2', ''].join('\n').replace(/\n/g, lineEnd)

describe('yamlScalarLocator: each character of a scalar at its place in the file', () => {
  it.each([
    ['folded, strip', '>-\n  source=k verb=create\n  | stats count by user\n\n    | more indented\n  | `m`'],
    ['folded, indentation indicator', '>2-\n   lead space\n   | `m`'],
    ['literal, keep', '|+\n  one\n\n  | `m`\n'],
    ['literal with a comment on the header', '| # why\n    a\n    | `m`'],
    ['plain on several lines', 'source=k\n  | stats count\n\n  | `m`'],
    ['single-quoted with an escaped quote', "'it''s\n  | `m`'"],
    ['double-quoted with escapes and an escaped line break', '"tab\\there \\u0063\\x41 \\U0001F600 \\\n    | `m` \\"q\\""'],
    ['tagged block', '!!str >\n  a\n  `m`'],
  ])('%s', (_name, scalar) => {
    expect(misplaced(wrap(scalar))).toEqual([])
    expect(misplaced(wrap(scalar, '\r\n'))).toEqual([])
  })

  it('maps an offset to the line and column of the written character', () => {
    const text = wrap('>-\n  source=k\n  | `nosuch`')
    const [doc] = parseYamlDocuments(text, 'f.yml')
    const value = (doc!.value as { q: string }).q
    expect(value).toBe('source=k | `nosuch`')
    const loc = yamlScalarLocator(text, doc!.map.key(['q']), doc!.map.value(['q']), value)
    expect(loc.at(value.indexOf('`'))).toEqual({ file: 'f.yml', line: 4, column: 5 })
    expect(loc.at(value.length)).toMatchObject({ line: 4 })
  })

  it('holds for any value js-yaml writes, in whatever style it picks', () => {
    const word = fc.constantFrom('source=k', '|', 'stats', '`m(a,b)`', '"x"', "'y'", 'a\\b', 'é', '😀', '#', ':', '- x', '  ', '\t', '\n', '\n\n', 'verb=create')
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 14 }), fc.constantFrom(8, 20, 80), fc.boolean(), (words, lineWidth, forceQuotes) => {
        const value = words.join(' ')
        const text = dump({ a: 1, q: value, z: 2 }, { lineWidth, forceQuotes })
        expect(misplaced(text)).toEqual([])
      }),
      { numRuns: Number(process.env.SCALAR_RUNS ?? 300) },
    )
  })
})
