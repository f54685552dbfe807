/**
 * Audit of reference/sigma.md §5.10 "YAML loading = PyYAML semantics" (and §3.0 on dates),
 * through the Sigma loader: the value a detection sees for each unquoted scalar, and what that
 * means for matching.
 */
import { describe, expect, it } from 'vitest'
import { loadSigmaText, sigmaRulesFromDocuments, type SigmaRuleDocument } from '../../../src/sigma/index.js'

function load(selectionYaml: string, extra = '') {
  const text = `title: YAML audit\nlogsource:\n  product: audit_test\n${extra}detection:\n  sel:\n${selectionYaml}\n  condition: sel\n`
  return loadSigmaText(text, 'y.yml')
}

/** The value YAML gives `f` in `f: <scalar>`. */
function valueOf(text: string): unknown {
  const { documents, findings } = load(`    f: ${text}`)
  expect(findings.filter((f) => f.severity === 'error')).toEqual([])
  return ((documents[0] as SigmaRuleDocument).detection.sel as Record<string, unknown>).f
}

describe('§5.10 YAML 1.1 scalars (PyYAML safe_load, minus timestamps)', () => {
  it.each([
    ['00000429', '00000429'], // a 9 is not octal: stays a string (YAML 1.2 would say 429)
    ['017', 15], // octal in 1.1 (17 in 1.2)
    ['0755', 493],
    ['08', '08'],
    ['0x17', 23],
    ['0x1F', 31],
    ['0b101', 5],
    ['1_000', 1000],
    ['1:20', 80], // sexagesimal
    ['0o17', '0o17'], // 1.2-only octal form: a string in 1.1
    ['12e3', '12e3'], // 1.1 floats need a dot
    ['1.0e+3', 1000],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['+12', 12],
    ['-7', -7],
  ])('%s → %j', (text, expected) => expect(valueOf(text)).toBe(expected))

  it.each([
    ['yes', true],
    ['Yes', true],
    ['YES', true],
    ['on', true],
    ['On', true],
    ['ON', true],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['no', false],
    ['No', false],
    ['NO', false],
    ['off', false],
    ['Off', false],
    ['false', false],
    ['FALSE', false],
  ])('%s → boolean %j', (text, expected) => expect(valueOf(text)).toBe(expected))

  it.each(['y', 'n', 'Y', 'N', 'tRUE', 'yES', 'oN'])('%s stays a string', (text) => expect(valueOf(text)).toBe(text))

  it.each(['~', 'null', 'Null', 'NULL', ''])('%j is null', (text) => expect(valueOf(text)).toBeNull())

  it('dates stay strings (no timestamp resolution)', () => {
    expect(valueOf('2024-07-11')).toBe('2024-07-11')
    expect(valueOf('2024-07-11 10:00:00')).toBe('2024-07-11 10:00:00')
  })
  it('quoted scalars are always strings', () => {
    expect(valueOf("'0755'")).toBe('0755')
    expect(valueOf('"yes"')).toBe('yes')
    expect(valueOf("'null'")).toBe('null')
  })
  it('.inf and .nan are floats', () => {
    expect(valueOf('.inf')).toBe(Infinity)
    expect(valueOf('-.inf')).toBe(-Infinity)
    expect(Number.isNaN(valueOf('.nan'))).toBe(true)
  })
})

describe('§5.10 consequences for matching', () => {
  function rule(selectionYaml: string) {
    const { documents, findings } = load(selectionYaml)
    const out: typeof findings = []
    const [r] = sigmaRulesFromDocuments(documents, { findings: out })
    return { findings: [...findings, ...out].filter((f) => f.severity === 'error'), match: (e: unknown) => r?.compiled().match(e) }
  }
  it('00000429 with contains works (a string); 0755 with contains is a number → error', () => {
    expect(rule('    f|contains: 00000429').match({ f: 'HKCU\\Keyboard Layout\\Preload\\00000429' })).toBe(true)
    expect(rule('    f|contains: 0755').findings).toEqual([expect.objectContaining({ message: expect.stringMatching(/number/) })])
  })
  it('TicketEncryption: 0x17 unquoted is the number 23, so it matches 23 and "23", not "0x17"', () => {
    const r = rule('    TicketEncryption: 0x17')
    expect(r.match({ TicketEncryption: 23 })).toBe(true)
    expect(r.match({ TicketEncryption: '23' })).toBe(true)
    expect(r.match({ TicketEncryption: '0x17' })).toBe(false)
    expect(rule("    TicketEncryption: '0x17'").match({ TicketEncryption: '0x17' })).toBe(true)
  })
  it('yes is the boolean true: matches true and "true", not "yes"', () => {
    const r = rule('    f: yes')
    expect(r.match({ f: true })).toBe(true)
    expect(r.match({ f: 'true' })).toBe(true)
    expect(r.match({ f: 'yes' })).toBe(false)
  })
  it('an empty value is null: a null test', () => {
    const r = rule('    f:')
    expect(r.match({})).toBe(true)
    expect(r.match({ f: 'x' })).toBe(false)
  })
})

describe('keys named like Object.prototype members', () => {
  it('__proto__ is an ordinary key (own property, the prototype is untouched), usable as selection and field', () => {
    const text = 'title: Proto\nlogsource:\n  product: audit_test\ndetection:\n  __proto__:\n    __proto__: x\n    constructor: y\n  condition: __proto__\n'
    const { documents, findings } = loadSigmaText(text, 'p.yml')
    expect(findings).toEqual([])
    const detection = (documents[0] as SigmaRuleDocument).detection
    expect(Object.keys(detection)).toEqual(['__proto__', 'condition'])
    expect(Object.getPrototypeOf(detection)).toBe(Object.prototype)
    const rule = sigmaRulesFromDocuments(documents)[0]!.compiled()
    const event = JSON.parse('{"__proto__": "x", "constructor": "y"}')
    expect(rule.match(event)).toBe(true)
    expect(rule.explain(event)).toEqual({ match: true, selections: JSON.parse('{"__proto__": true}') })
    expect(rule.match({ constructor: 'y' })).toBe(false)
  })
})

describe('§5.10 duplicate keys and diagnostics', () => {
  it('a duplicate key is an error with file:line:column', () => {
    const { findings } = load('    f: a\n    f: b')
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', file: 'y.yml', line: 7, message: expect.stringMatching(/duplicate/) })])
  })
  it('a YAML syntax error is one finding and no documents', () => {
    const r = loadSigmaText('title: [unclosed\n', 'bad.yml')
    expect(r.documents).toEqual([])
    expect(r.findings).toHaveLength(1)
    expect(r.findings[0]).toMatchObject({ file: 'bad.yml', severity: 'error' })
  })
  it('alias bombs are refused', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`)
    const r = loadSigmaText(lines.join('\n') + '\n', 'bomb.yml')
    expect(r.findings.some((f) => f.severity === 'error')).toBe(true)
  })
})
