import { describe, expect, it } from 'vitest'
import { parsePantherYaml } from '../../src/panther/load/yaml.js'
import { parseYamlDocuments } from '../../src/shared/yaml/index.js'
import { PYYAML_CASES } from './yaml-pyyaml-cases.js'

// PAT reads rule files with PyYAML's C loader: every file it accepts must load here with the
// same values, key order included (rules iterate and serialise events).
describe('the Panther YAML loader reads what PyYAML reads, as PyYAML reads it', () => {
  for (const c of PYYAML_CASES) {
    if (c.error) {
      it(`refuses, as PyYAML does: ${c.name}`, () => {
        expect(() => parsePantherYaml(c.text, 'f.yml')).toThrow()
      })
    } else {
      it(c.name, () => {
        const { value } = parsePantherYaml(c.text, 'f.yml')
        expect(value).toEqual(c.value)
        expect(JSON.stringify(value)).toBe(JSON.stringify(c.value))
      })
    }
  }

  it('points into a flow collection read the PyYAML way at the right line and column', () => {
    const text = 'Tests:\n  - Name: t\n    Log:\n      {\n        "a": 2,\n  "b": [1,\n3]\n    }\n'
    const [doc] = parseYamlDocuments(text, 'f.yml')
    expect(doc?.value).toEqual({ Tests: [{ Name: 't', Log: { a: 2, b: [1, 3] } }] })
    expect(doc?.map.value(['Tests', 0, 'Log', 'a'])).toMatchObject({ line: 5, column: 14 })
    expect(doc?.map.value(['Tests', 0, 'Log', 'b', 1])).toMatchObject({ line: 7, column: 1 })
    expect(doc?.map.key(['Tests', 0, 'Log', 'b'])).toMatchObject({ line: 6, column: 3 })
  })

  it('keeps js-yaml\'s error when the PyYAML reading fails too', () => {
    expect(() => parsePantherYaml('a:\n  b: [1,\n---\n]\n', 'f.yml')).toThrow(/f\.yml|YAML/)
    expect(() => parsePantherYaml('%YAML 2.0\n---\na: 1\n', 'f.yml')).toThrow(/incompatible YAML document/)
  })
})

describe('the shared loader (Sigma) reads flow content as pure-Python PyYAML does', () => {
  it('accepts flow content left of its key, but no tabs inside flow collections (pySigma refuses them)', () => {
    expect(parseYamlDocuments('a:\n  b: [1,\n2\n]\n', 'f.yml')[0]?.value).toEqual({ a: { b: [1, 2] } })
    expect(() => parseYamlDocuments('a: {\tb: 1}\n', 'f.yml')).toThrow()
  })
})
