import { describe, expect, it } from 'vitest'
import { parseYamlDocuments } from '../../src/shared/yaml/index.js'
import { LoadError } from '../../src/shared/errors.js'

const one = (text: string) => parseYamlDocuments(text, 'r.yml')[0]!

describe('YAML loader: PyYAML YAML 1.1 scalars without timestamps', () => {
  it.each([
    ['00000429', '00000429'],
    ['0755', 493],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['190:20:30', 685230],
    ['-12', -12],
    ['1.5', 1.5],
    ['1e5', '1e5'],
    ['1.0e+5', 100000],
    ['.inf', Infinity],
    ['yes', true],
    ['Off', false],
    ['y', 'y'],
    ['~', null],
    ['null', null],
    ['2024-01-02', '2024-01-02'],
    ['2024-01-02T10:00:00Z', '2024-01-02T10:00:00Z'],
    ['"yes"', 'yes'],
    ["'0755'", '0755'],
    ['!!str 12', '12'],
    ['!!int "12"', 12],
    ['9007199254740993', '9007199254740993'],
  ])('%s → %o', (text, value) => {
    expect(one(`v: ${text}\n`).value).toEqual({ v: value })
  })

  it('reads an empty value as null', () => {
    expect(one('a:\nb: 1\n').value).toEqual({ a: null, b: 1 })
  })

  it.each([
    ['a: >\n  text', 'text'],
    ['a: >\n  text\n', 'text\n'],
    ['a: |\n  x\n  y', 'x\ny'],
    ['a: |+\n  x', 'x'],
    ['a: |-\n  x\n', 'x'],
  ])('block scalar %j chomps as PyYAML does', (text, value) => {
    expect(one(text).value).toEqual({ a: value })
  })

  it('keeps keys as their text', () => {
    expect(one('yes: 1\n1: 2\n').value).toEqual({ yes: 1, '1': 2 })
  })
})

describe('YAML loader: structure', () => {
  it('reads every document of a multi-document file', () => {
    const docs = parseYamlDocuments('a: 1\n---\nb: 2\n', 'r.yml')
    expect(docs.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }])
    expect(docs[1]!.map.key(['b'])).toEqual({ file: 'r.yml', line: 3, column: 1 })
  })

  it('applies merge keys with explicit keys winning', () => {
    expect(one('base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n').value).toEqual({ base: { x: 1, y: 2 }, d: { x: 1, y: 3 } })
  })

  it('refuses duplicate keys at the second key', () => {
    expect(() => one('a: 1\nb: 2\na: 3\n')).toThrowError(/duplicate key 'a'/)
    try {
      one('a: 1\nb: 2\na: 3\n')
    } catch (e) {
      expect((e as LoadError).format()).toBe("r.yml:3:1: duplicate key 'a'")
    }
  })

  it('refuses an alias bomb quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let n = 1; n < 10; n++) {
      const prev = String.fromCharCode(96 + n)
      const cur = String.fromCharCode(97 + n)
      bomb.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    expect(() => one(bomb.join('\n') + '\n')).toThrowError(/alias bomb/)
  })

  it('reports syntax errors with 1-based line and column', () => {
    try {
      one('a: [1\n')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(LoadError)
      expect((e as LoadError).location.line).toBe(2)
    }
  })

  it('refuses tags the safe loader has no constructor for', () => {
    expect(() => one('a: !!python/object:os.system x\n')).toThrowError(/unsupported YAML tag/)
  })
})

describe('YAML loader: source map', () => {
  const doc = one(
    'title: t\ndetection:\n  selection:\n    verb:\n      - create\n      - "patch"\n  condition: selection\n',
  )
  it('locates keys and values', () => {
    expect(doc.map.key(['detection', 'condition'])).toMatchObject({ line: 7, column: 3 })
    expect(doc.map.value(['detection', 'condition'])).toMatchObject({ line: 7, column: 14 })
    expect(doc.map.value(['detection', 'selection', 'verb', 1])).toMatchObject({ line: 6, column: 9 })
  })
  it('places an empty scalar made of a tag alone on its line, never at column 0 (found by test/deep/fuzz)', () => {
    expect(one('!').map.value([])).toMatchObject({ line: 1, column: 1 })
    expect(one('a: !!str\n').map.value(['a']).column).toBeGreaterThanOrEqual(1)
  })
  it('falls back to the nearest ancestor for a missing path', () => {
    expect(doc.map.has(['detection', 'nope'])).toBe(false)
    expect(doc.map.key(['detection', 'nope', 'x'])).toMatchObject({ line: 2, column: 1 })
  })
})
