/**
 * Audit of reference/sigma.md §3.c "Value matching": case, wildcards, escaping (after YAML
 * quoting), lists, maps, lists of maps, keywords, null, empty string, empty list, numbers and
 * booleans, dotted field names, existence, placeholders. Where YAML quoting matters, the rule
 * goes through the loader (`loadSigmaText` + `sigmaRulesFromDocuments`).
 */
import { describe, expect, it } from 'vitest'
import { loadSigmaText, sigmaRulesFromDocuments } from '../../../src/sigma/index.js'
import { compileDetection } from '../../../src/sigma/compile/index.js'
import { detectionError, item, itemError, matches } from './helpers.js'

/** Loads a one-rule YAML file whose selection is the given YAML text (indented under `sel:`). */
function ruleFromYaml(selectionYaml: string) {
  const text = `title: Audit rule\nlogsource:\n  product: audit_test\ndetection:\n  sel:\n${selectionYaml}\n  condition: sel\n`
  const { documents, findings } = loadSigmaText(text, 'audit.yml')
  expect(findings.filter((f) => f.severity === 'error')).toEqual([])
  const [rule] = sigmaRulesFromDocuments(documents)
  return (event: unknown) => rule!.compiled().match(event)
}

describe('§3.c case', () => {
  it('values are case-insensitive by default, cased makes them case-sensitive', () => {
    expect(item('f', 'CreatE', { f: 'create' })).toBe(true)
    expect(item('f|cased', 'CreatE', { f: 'create' })).toBe(false)
    expect(item('f|cased', 'CreatE', { f: 'CreatE' })).toBe(true)
  })
  it('regular expressions are case-sensitive unless |i or an inline (?i)', () => {
    expect(item('f|re', 'create', { f: 'CREATE' })).toBe(false)
    expect(item('f|re|i', 'create', { f: 'CREATE' })).toBe(true)
    expect(item('f|re', '(?i)create', { f: 'CREATE' })).toBe(true)
  })
  it('field names are not folded', () => {
    expect(item('objectRef.Resource', 'pods', { objectRef: { resource: 'pods' } })).toBe(false)
  })
})

describe('§3.c wildcards', () => {
  it('* = any sequence including empty; ? = exactly one character', () => {
    expect(item('f', 'a*', { f: 'a' })).toBe(true)
    expect(item('f', '*', { f: '' })).toBe(true)
    expect(item('f', '?', { f: '' })).toBe(false)
    expect(item('f', '??', { f: 'ab' })).toBe(true)
    expect(item('f', '??', { f: 'abc' })).toBe(false)
  })
  it('without wildcards or modifiers a value is an exact whole-value match', () => {
    expect(item('f', 'admin', { f: 'admin' })).toBe(true)
    expect(item('f', 'admin', { f: 'administrator' })).toBe(false)
    expect(item('f', 'admin', { f: 'sysadmin' })).toBe(false)
    expect(item('f', 'admin', { f: ' admin' })).toBe(false)
  })
})

describe('§3.c escaping: backslash escapes only *, ? and \\', () => {
  // Values are written as the string the YAML parser produces (i.e. single-quoted YAML text).
  it('\\* and \\? are a literal star and question mark', () => {
    expect(item('f', 'a\\*b', { f: 'a*b' })).toBe(true)
    expect(item('f', 'a\\*b', { f: 'axxb' })).toBe(false)
    expect(item('f', 'a\\?b', { f: 'a?b' })).toBe(true)
    expect(item('f', 'a\\?b', { f: 'axb' })).toBe(false)
  })
  it('\\\\ is one literal backslash', () => {
    expect(item('f', 'a\\\\b', { f: 'a\\b' })).toBe(true)
    expect(item('f', 'a\\\\b', { f: 'a\\\\b' })).toBe(false)
  })
  it('a backslash before any other character is kept (C:\\Windows\\System32 needs no doubling)', () => {
    expect(item('f', 'C:\\Windows\\System32', { f: 'C:\\Windows\\System32' })).toBe(true)
    expect(item('f', 'a\\nb', { f: 'a\\nb' })).toBe(true)
    expect(item('f', 'a\\nb', { f: 'a\nb' })).toBe(false)
  })
  it('a trailing backslash is literal', () => {
    expect(item('f', 'C:\\Temp\\', { f: 'C:\\Temp\\' })).toBe(true)
    expect(item('f|endswith', '\\', { f: 'C:\\Temp\\' })).toBe(true)
    expect(item('f|contains', 'Temp\\', { f: 'C:\\Temp\\x' })).toBe(true)
  })
  it('\\\\* = a backslash followed by a wildcard', () => {
    expect(item('f', 'C:\\Windows\\\\*', { f: 'C:\\Windows\\System32\\cmd.exe' })).toBe(true)
    expect(item('f', 'C:\\Windows\\\\*', { f: 'C:\\Windows\\' })).toBe(true)
    expect(item('f', 'C:\\Windows\\\\*', { f: 'C:\\Windows' })).toBe(false)
  })
  it('\\\\\\* = a backslash and a literal star', () => {
    expect(item('f', 'a\\\\\\*', { f: 'a\\*' })).toBe(true)
    expect(item('f', 'a\\\\\\*', { f: 'a\\xyz' })).toBe(false)
  })
  it('\\\\\\\\ = two backslashes', () => {
    expect(item('f', '\\\\\\\\server', { f: '\\\\server' })).toBe(true)
    expect(item('f', '\\\\\\\\server', { f: '\\server' })).toBe(false)
  })
  it("trap: 'C:\\Windows\\*' is the literal text C:\\Windows*", () => {
    expect(item('f', 'C:\\Windows\\*', { f: 'C:\\Windows*' })).toBe(true)
    expect(item('f', 'C:\\Windows\\*', { f: 'C:\\Windows\\System32' })).toBe(false)
  })
  it('escapes keep working with contains/startswith/endswith', () => {
    expect(item('f|contains', '\\*', { f: 'a*b' })).toBe(true)
    expect(item('f|contains', '\\*', { f: 'ab' })).toBe(false)
    expect(item('f|startswith', 'what\\?', { f: 'what? ever' })).toBe(true)
    expect(item('f|startswith', 'what\\?', { f: 'whatx ever' })).toBe(false)
  })
  it('YAML quoting comes first: single quotes keep backslashes, double quotes process YAML escapes', () => {
    const single = ruleFromYaml("    f: 'C:\\Windows\\*'")
    expect(single({ f: 'C:\\Windows*' })).toBe(true)
    expect(single({ f: 'C:\\Windows\\x' })).toBe(false)
    const dbl = ruleFromYaml('    f: "C:\\\\Windows\\\\*"') // YAML `\\` → one backslash: Sigma sees C:\Windows\* (literal star)
    expect(dbl({ f: 'C:\\Windows*' })).toBe(true)
    expect(dbl({ f: 'C:\\Windows\\x' })).toBe(false)
    const dbl2 = ruleFromYaml('    f: "C:\\\\Windows\\\\\\\\*"') // Sigma sees C:\Windows\\* → backslash + wildcard
    expect(dbl2({ f: 'C:\\Windows\\x' })).toBe(true)
    const tab = ruleFromYaml('    f: "a\\tb"') // YAML turns \t into a tab before Sigma sees it
    expect(tab({ f: 'a\tb' })).toBe(true)
    expect(tab({ f: 'a\\tb' })).toBe(false)
    const plain = ruleFromYaml('    f: C:\\Windows\\System32\\*')
    expect(plain({ f: 'C:\\Windows\\System32*' })).toBe(true)
  })
})

describe('§3.c lists, maps, lists of maps', () => {
  it('a list of values for one field = OR', () => {
    expect(item('f', ['a', 'b'], { f: 'b' })).toBe(true)
    expect(item('f', ['a', 'b'], { f: 'c' })).toBe(false)
  })
  it('|all = AND', () => {
    expect(item('f|all', ['a*', '*b'], { f: 'axb' })).toBe(true)
    expect(item('f|all', ['a*', '*b'], { f: 'axc' })).toBe(false)
  })
  it('all keys of one map = AND', () => {
    expect(matches({ f: 1, g: 2 }, { f: 1, g: 2 })).toBe(true)
    expect(matches({ f: 1, g: 2 }, { f: 1, g: 3 })).toBe(false)
  })
  it('list of maps = OR of the maps (each an AND): [{F: 1, G: 2}, {H: 3}]', () => {
    const sel = [{ F: 1, G: 2 }, { H: 3 }]
    expect(matches(sel, { F: 1, G: 2 })).toBe(true)
    expect(matches(sel, { H: 3 })).toBe(true)
    expect(matches(sel, { F: 1, H: 4 })).toBe(false)
    expect(matches(sel, { G: 2, H: 4 })).toBe(false)
  })
  it('a list mixing maps and plain strings = OR of the maps and keyword terms', () => {
    const sel = [{ F: 1 }, 'needle']
    expect(matches(sel, { F: 1 })).toBe(true)
    expect(matches(sel, { x: 'a needle here' })).toBe(true)
    expect(matches(sel, { F: 2, x: 'hay' })).toBe(false)
  })
})

describe('§3.c keywords', () => {
  it('a list of plain values is searched in the whole event, OR-linked', () => {
    expect(matches(['alpha', 'beta'], { a: { b: 'xx beta yy' } })).toBe(true)
    expect(matches(['alpha', 'beta'], { a: { b: 'gamma' } })).toBe(false)
  })
  it('a single plain value as a selection is a keyword', () => {
    expect(compileDetection({ kw: 'beta', condition: 'kw' }).match({ a: 'BETA!' })).toBe(true)
  })
  it("'|all': makes keywords AND; other modifiers with an empty field name", () => {
    expect(matches({ '|all': ['alpha', 'beta'] }, { a: 'alpha', b: { c: 'beta' } })).toBe(true)
    expect(matches({ '|all': ['alpha', 'beta'] }, { a: 'alpha' })).toBe(false)
    expect(matches({ '|re': '^ab+c$' }, { a: 'x', b: 'abbbc' })).toBe(true)
    expect(matches({ '|endswith': '.exe' }, { a: 'x', b: 'cmd.exe' })).toBe(true)
    expect(matches({ '|endswith': '.exe' }, { b: 'cmd.exe.txt' })).toBe(false)
  })
})

describe('§3.c null, empty string, empty list', () => {
  it('field: null tests for a null value: absent or JSON null', () => {
    expect(item('f', null, {})).toBe(true)
    expect(item('f', null, { f: null })).toBe(true)
    expect(item('f', null, { f: 'x' })).toBe(false)
  })
  it('negated null selection = not null', () => {
    const d = compileDetection({ sel: { g: 1 }, nul: { f: null }, condition: 'sel and not nul' })
    expect(d.match({ g: 1, f: 'x' })).toBe(true)
    expect(d.match({ g: 1 })).toBe(false)
    expect(d.match({ g: 1, f: null })).toBe(false)
  })
  it("field: '' equals the empty string", () => {
    expect(item('f', '', { f: '' })).toBe(true)
    expect(item('f', '', { f: 'x' })).toBe(false)
  })
  it('field: [] is a null test (pySigma quirk)', () => {
    expect(item('f', [], {})).toBe(true)
    expect(item('f', [], { f: null })).toBe(true)
    expect(item('f', [], { f: 'x' })).toBe(false)
  })
})

describe('§3.c numbers and booleans from YAML', () => {
  it('integers/floats are numbers; an integral float equals the integer', () => {
    const r = ruleFromYaml('    f: 4688\n    g: 1.0\n    h: true')
    expect(r({ f: 4688, g: 1, h: true })).toBe(true)
    expect(r({ f: '4688', g: '1', h: 'true' })).toBe(true)
    expect(r({ f: 4688, g: 1, h: false })).toBe(false)
  })
  it('YAML 1.1: yes/on are booleans, 00000429 stays a string (used with contains)', () => {
    const r = ruleFromYaml("    f: yes\n    g|contains: 00000429")
    expect(r({ f: true, g: 'x00000429y' })).toBe(true)
    expect(r({ f: 'yes', g: 'x00000429y' })).toBe(false) // the rule says boolean true, not the text yes
  })
})

describe('§3.c field names with dots, existence, placeholders', () => {
  it('a dotted name is a nested path by default', () => {
    expect(item('dns.question.name', 'evil.com', { dns: { question: { name: 'evil.com' } } })).toBe(true)
  })
  it('f|exists: true / false', () => {
    expect(item('f|exists', true, { f: 1 })).toBe(true)
    expect(item('f|exists', false, { f: 1 })).toBe(false)
  })
  it('placeholders only with expand; a tool that cannot resolve one rejects the rule', () => {
    expect(item('f', '%Servers%', { f: '%servers%' })).toBe(true)
    expect(itemError('f|expand', '%Servers%')).toBeDefined()
    expect(detectionError({ sel: { 'f|expand': ['%Workstations%', 'x'] }, condition: 'sel' }, { placeholders: { Servers: ['s'] } })).toMatch(/Workstations/)
  })
})
