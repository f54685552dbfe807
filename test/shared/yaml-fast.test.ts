import { describe, expect, it } from 'vitest'
import { parseYamlDocuments } from '../../src/shared/yaml/index.js'
import { LoadError } from '../../src/shared/errors.js'
import { compareOn, rootPos, viaFast, viaJsYaml } from './yaml-fast-compare.js'

/**
 * The fast YAML path must return exactly what the js-yaml path returns (values, key order,
 * PosNode offsets, document indexes) or decline. Each case names a construct rule files use.
 */
const same = (text: string, options = {}): void => {
  expect(viaFast(text, options), 'the fast path should handle this').toBeDefined()
  expect(compareOn(text, options)).toBe('same')
}

describe('YAML fast path: constructs it reads exactly like js-yaml', () => {
  it.each([
    ['block mapping', 'title: Example\nid: 1\nstatus: test\n'],
    ['nested mappings', 'logsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image: x\n  condition: sel\n'],
    ['mapping indented by 4', 'a:\n    b:\n        c: 1\n    d: 2\n'],
    ['block sequence', 'tags:\n  - attack.t1059\n  - attack.execution\n'],
    ['sequence at the column of its key', 'tags:\n- a\n- b\nnext: 1\n'],
    ['sequence of compact mappings', 'Tests:\n  - Name: one\n    Expected: true\n  - Name: two\n    Log:\n      a: 1\n'],
    ['compact mapping with a sequence at its key column', '- key:\n  - a\n  - b\n  other: 1\n'],
    ['nested compact sequences', '- - a\n  - b\n- - c\n'],
    ['root sequence', '- a\n- b: 1\n-\n- ~\n'],
    ['sequence entry on the next line', '-\n  a: 1\n- \n  - x\n'],
    ['empty values', 'a:\nb: \nc:   # comment\nd:\n  # only a comment\ne: 1\n'],
    ['empty value at the end without newline', 'a: 1\nb:'],
    ['comments everywhere', '# head\n\na: 1 # trailing\n  # indented comment\n# col 0\nb:\n  - x # c\n  # between\n  - y\n# tail'],
    ['hash inside a plain scalar', 'a: x#y\nb: "q"  # c\nc: http://e.com/#frag\n'],
    ['colons inside plain scalars', 'a: b:c\nurl: http://x.y:80/z\nt: 12:30:00\nk:v: 1\n'],
    ['plain scalars with spaces and indicators inside', 'a: x - y\nb: a, b [c] {d}\nc: -x\nd: ?y\ne: :z\n'],
    ['multi-line plain scalar', 'description: first line\n  second line\n\n  after a blank line\n    more indented\nnext: 1\n'],
    ['multi-line plain scalar in a sequence', '- one\n  two\n- three\n'],
    ['multi-line plain scalar on the line after its key', 'a:\n  one\n  two\nb: 1\n'],
    ['plain scalar followed by a comment line', 'a: x\n  # c\nb: 1\n'],
    ['single-quoted', "a: 'it''s'\nb: ''\nc: 'x: y # z'\n"],
    ['double-quoted with escapes', 'a: "tab\\there \\"q\\" \\\\ \\x41 \\u00e9 \\U0001F600 \\/ \\N \\_ \\0"\n'],
    ['quoted keys', '"a b": 1\n\'c\': 2\n"": 3\n"x" : 4\n'],
    ['multi-line quoted scalars', 'a: "one\n  two\n\n  three"\nb: \'x\n  y\'\nc: "cont\\\n   inued"\n'],
    ['literal block scalars', 'a: |\n  x\n\n   y\n  z\nb: |-\n  s\nc: |+\n  k\n\nd: 1\n'],
    ['folded block scalars', 'a: >\n  one\n  two\n\n  three\n    more\n  back\nb: >-\n  x\n  y\nc: >+\n  z\n\n\n'],
    ['block scalar header comment', 'a: | # why\n  text\nb: 1\n'],
    ['block scalar ended by a less indented comment', 'a: |\n  text\n# c\nb: 1\n'],
    ['block scalar with leading blank lines', 'a: |\n\n  text\n'],
    ['empty block scalar', 'a: |\nb: >-\nc: 1\n'],
    ['block scalar in a sequence', '- |\n  x\n- >\n  y\n  z\n'],
    ['block scalar at the end without newline (PyYAML drops the line break)', 'a: |\n  x\n  y'],
    ['folded block scalar at the end without newline', 'a: >\n  x\n  '],
    ['keep-chomped block scalar at the end without newline', 'a: |+\n  x\n\n'],
    ['flow sequences', "tags: [a, 'b', \"c\", 1, yes, ~]\ne: []\nf: [ ]\ng: [a,]\n"],
    ['flow mappings', 'a: {}\nb: {x: 1, "y": [1, 2], z: {w: v}}\nc: {"k":"v"}\n'],
    ['multi-line JSON-like flow', 'Log:\n  {\n    "kind": "Event",\n    "user": {"username": "u"},\n    "ips": ["1.2.3.4"],\n    "n": 201\n  }\nnext: 1\n'],
    ['flow in a sequence', '- [a, b]\n- {c: d}\n'],
    ['flow with a comment inside', 'a: [x, # c\n  y]\n'],
    ['typed plain scalars', 'a: -0\nb: .nan\nc: .inf\nd: -.Inf\ne: 0x1F\nf: 1_000\ng: 0755\nh: 00000429\ni: 1.5\nj: 1e5\nk: yes\nl: Off\nm: ~\nn: null\no: 190:20:30\np: 2024-01-02\nq: 9007199254740993\n'],
    ['keys keep their text', 'yes: 1\n1: 2\nnull: 3\n~: 4\n-1: 5\n'],
    ['__proto__ becomes an own key', '__proto__: 1\nconstructor: 2\nx:\n  __proto__: {a: 1}\n'],
    ['integer-like keys are ordered as JavaScript orders them', 'b: 1\n2: 2\na: 3\n1: 4\n'],
    ['documents', 'a: 1\n---\nb: 2\n---\n- c\n'],
    ['explicit document start and end', '---\na: 1\n...\n---\nb: 2\n...\n'],
    ['empty documents', '---\n---\na: 1\n---\n'],
    ['document end marker without a document', '...\na: 1\n'],
    ['comment after a document marker', '--- # first\na: 1\n... # end\n'],
    ['no content at all', ''],
    ['only comments', '# nothing\n\n# here\n'],
    ['BOM', '\uFEFFa: 1\n'],
    ['BOM before a comment', '\uFEFF# c\na: 1\n'],
    ['CRLF line breaks', 'a: 1\r\nb:\r\n  - x\r\n  - y\r\nc: |\r\n  t\r\n  u\r\nd: "q\r\n  r"\r\n'],
    ['no final newline', 'a: 1\nb: x'],
    ['trailing spaces', 'a: 1   \nb:   \n  - x  \n'],
    ['root mapping indented', '  a: 1\n  b: 2\n'],
    ['unicode', 'a: é日本😀\n"ключ": значение\n'],
    ['deep but reasonable nesting', 'a:\n' + Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n') + ' v\n'],
  ])('%s', (_name, text) => same(text))

  it('uses the given resolvePlain for plain values but not for keys or quoted scalars', () => {
    const options = { resolvePlain: (t: string): unknown => `<${t}>` }
    same('a: 1\n"b": \'2\'\nc:\n- x\n- "y"\nd:\n', options)
    expect(viaFast('a: 1\n"b": \'2\'\nc:\n', options)?.[0]?.value).toEqual({ a: '<1>', b: '2', c: '<>' })
  })

  it('puts offsets where js-yaml puts them', () => {
    const text = 'k: v\nq: "s"\nm:\n  # c\n  n: 1\ns:\n- x\nb: |\n  t\ne:\n'
    const root = rootPos(viaFast(text)![0]!)
    const c = root.c as Map<string, { v: number; k: number; c?: unknown }>
    expect(root.v).toBe(0)
    expect(c.get('q')).toEqual({ v: text.indexOf('"s"'), k: text.indexOf('q:') })
    expect(c.get('m')?.v).toBe(text.indexOf('n: 1'))
    expect(c.get('s')?.v).toBe(text.indexOf('- x'))
    expect(c.get('b')?.v).toBe(text.indexOf('  t'))
    expect(c.get('e')).toEqual({ v: -1, k: text.indexOf('e:') })
    expect(compareOn(text)).toBe('same')
  })
})

describe('YAML fast path: what it leaves to js-yaml', () => {
  it.each([
    ['anchor and alias', 'a: &x 1\nb: *x\n'],
    ['tag', 'a: !!str 1\n'],
    ['merge key', 'base: {x: 1}\nd:\n  <<: {y: 2}\n'],
    ['directive', '%YAML 1.1\n---\na: 1\n'],
    ['explicit key', '? a\n: b\n'],
    ['complex key', '[a]: b\n'],
    ['duplicate key', 'a: 1\na: 2\n'],
    ['duplicate key in a flow mapping', 'a: {x: 1, x: 2}\n'],
    ['tab in indentation', 'a:\n\tb: 1\n'],
    ['tab after a colon', 'a:\tb\n'],
    ['block scalar indentation indicator', 'a: |2\n   x\n'],
    ['root scalar', 'just text\n'],
    ['root flow collection', '[a, b]\n'],
    ['content on the --- line', '--- a: 1\n'],
    ['unknown escape', 'a: "\\q"\n'],
    ['lone carriage return', 'a: 1\rb: 2\n'],
    ['NUL', 'a: "\0"\n'],
    ['BOM inside the text', 'a: 1\n\uFEFFb: 2\n'],
    ['C1 control in a plain scalar', 'a: x\u0085\u0090\n'],
    ['syntax error: bad indentation', 'a: 1\n  b: 2\n'],
    ['syntax error: mapping after a value', 'a: b: c\n'],
    ['syntax error: unterminated quote', 'a: "x\n'],
    ['syntax error: sequence inside a plain value line', 'a: - b\n'],
    ['syntax error: deficient indentation in a flow', 'a: [\n  x\n]\n'],
    ['syntax error: missing comma in a flow', 'a: ["x" "y"]\n'],
    ['syntax error: unterminated flow', 'a: [x, y\n'],
    ['implicit pair in a flow sequence', 'a: [x: 1]\n'],
    ['flow mapping entry without a value', 'a: {x}\n'],
    ['text after a closing quote', 'a: "x"y\n'],
    ['multi-line key', 'a\n  b: 1\n'],
  ])('%s', (_name, text) => {
    expect(viaFast(text)).toBeUndefined()
  })

  it('leaves every error message to the js-yaml path', () => {
    const text = 'a: 1\nb: 2\na: 3\n'
    expect(viaFast(text)).toBeUndefined()
    expect(() => parseYamlDocuments(text, 'r.yml')).toThrowError(LoadError)
    expect(viaJsYaml(text)).toEqual({ kind: 'error', message: expect.stringMatching(/duplicate key 'a'/) })
  })

  it('leaves duplicate keys to the js-yaml path so onDuplicateKey sees them', () => {
    const seen: string[] = []
    const docs = parseYamlDocuments('a: 1\na: 2\n', 'r.yml', { onDuplicateKey: (key, at) => seen.push(`${key}@${at.line}`) })
    expect(docs[0]!.value).toEqual({ a: 2 })
    expect(seen).toEqual(['a@2'])
  })
})
