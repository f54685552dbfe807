import { describe, expect, it } from 'vitest'
import { modifiers } from '../../../src/sigma/modifiers/index.js'
import { parseSigmaString, toPlain } from '../../../src/sigma/values/sigma-string.js'
import type { SigmaValue } from '../../../src/sigma/values/types.js'
import { item, itemError } from './helpers.js'

const ctx = { placeholders: {}, before: [] }
const texts = (v: SigmaValue): string[] => (v.type === 'expansion' ? v.values.flatMap(texts) : v.type === 'string' ? [toPlain(v)] : [])

describe('contains / startswith / endswith', () => {
  it('contains: the value anywhere', () => {
    expect(item('f|contains', 'bin/bash', { f: '/usr/BIN/bash -c' })).toBe(true)
    expect(item('f|contains', 'bin/bash', { f: '/usr/bin/sh' })).toBe(false)
    expect(item('f|contains', ['a', 'zz'], { f: 'xax' })).toBe(true)
    expect(item('f|contains', '', { f: 'anything' })).toBe(true)
  })
  it('contains does not double existing wildcards', () => {
    expect(texts(modifiers.contains.apply!(parseSigmaString('*x*'), ctx))).toEqual(['*x*'])
    expect(texts(modifiers.contains.apply!(parseSigmaString('x*y'), ctx))).toEqual(['*x*y*'])
  })
  it('startswith / endswith', () => {
    expect(item('f|startswith', 'adm_', { f: 'ADM_bob' })).toBe(true)
    expect(item('f|startswith', 'adm_', { f: 'xadm_bob' })).toBe(false)
    expect(item('f|endswith', '/cronjobs/write', { f: 'MICROSOFT.X/BATCH/CRONJOBS/WRITE' })).toBe(true)
    expect(item('f|endswith', '/cronjobs/write', { f: '/cronjobs/write/x' })).toBe(false)
    expect(texts(modifiers.startswith.apply!(parseSigmaString('x*'), ctx))).toEqual(['x*'])
    expect(texts(modifiers.endswith.apply!(parseSigmaString('*x'), ctx))).toEqual(['*x'])
  })
  it('keep inner wildcards and escapes', () => {
    expect(item('f|contains', 'a?c', { f: 'xxabcxx' })).toBe(true)
    expect(item('f|contains', 'a\\*c', { f: 'xxabcxx' })).toBe(false)
    expect(item('f|contains', 'a\\*c', { f: 'xxa*cxx' })).toBe(true)
  })
  it('reject numbers (pySigma load error), suggesting quotes', () => {
    expect(itemError('DestinationPort|contains', 80)?.message).toMatch(/cannot be applied to a number.*quote/)
    expect(itemError('f|startswith', true)?.message).toMatch(/boolean/)
    expect(itemError('f|endswith', null)?.message).toMatch(/null/)
  })
})

describe('cased', () => {
  it('makes matching case-sensitive, in either order with contains', () => {
    expect(item('f|cased', 'Admin', { f: 'Admin' })).toBe(true)
    expect(item('f|cased', 'Admin', { f: 'admin' })).toBe(false)
    expect(item('f|cased|contains', 'Adm', { f: 'xAdmx' })).toBe(true)
    expect(item('f|contains|cased', 'Adm', { f: 'xadmx' })).toBe(false)
    expect(item('f|cased|startswith', 'A', { f: 'a' })).toBe(false)
  })
  it('mixes with insensitive values in the same item', () => {
    expect(item('f|cased', ['Admin', 'ROOT'], { f: 'ROOT' })).toBe(true)
  })
  it('is not combinable with re', () => {
    expect(itemError('f|re|cased', 'x')?.message).toMatch(/cased.*regular expression/)
  })
})

describe('windash', () => {
  it('expands -/ option characters into five dash forms (Cartesian product)', () => {
    const v = modifiers.windash.apply!(parseSigmaString('-a -b'), ctx)
    expect(texts(v)).toHaveLength(25)
    expect(texts(v)).toContain('/a \u2014b')
  })
  it('only expands where \\B[-/]\\b matches', () => {
    expect(texts(modifiers.windash.apply!(parseSigmaString('a-b'), ctx))).toEqual(['a-b'])
    expect(texts(modifiers.windash.apply!(parseSigmaString('--flag'), ctx))).toEqual(['--flag', '-/flag', '-\u2013flag', '-\u2014flag', '-\u2015flag'])
    expect(texts(modifiers.windash.apply!(parseSigmaString('x \u2013y'), ctx))).toEqual(['x \u2013y'])
  })
  it('matches every form, combined with contains in either order', () => {
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      expect(item('CommandLine|windash|contains', ' -exec ', { CommandLine: `x.exe ${dash}exec y` })).toBe(true)
      expect(item('CommandLine|contains|windash', ' -exec ', { CommandLine: `x.exe ${dash}exec y` })).toBe(true)
    }
    expect(item('CommandLine|windash|contains', ' -exec ', { CommandLine: 'x.exe +exec y' })).toBe(false)
  })
  it('with all: expansions stay OR groups', () => {
    const key = 'c|windash|contains|all'
    expect(item(key, ['-a', '-b'], { c: '/a \u2013b' })).toBe(true)
    expect(item(key, ['-a', '-b'], { c: '/a' })).toBe(false)
  })
})

describe('expand', () => {
  const placeholders = { Admins: ['root', 'adm_*'], empty: [] as string[] }
  it('replaces %name% with the configured values, OR-linked', () => {
    expect(item('User|expand', '%Admins%', { User: 'root' }, { placeholders })).toBe(true)
    expect(item('User|expand', '%Admins%', { User: 'adm_bob' }, { placeholders })).toBe(true)
    expect(item('User|expand', '%Admins%', { User: 'bob' }, { placeholders })).toBe(false)
    expect(item('Path|expand|contains', '/%Admins%/x', { Path: 'a/ROOT/x' }, { placeholders })).toBe(true)
    // As in pySigma, a backslash right before the % makes it a literal percent (the backslash goes).
    expect(item('Path|expand', 'C:\\%Admins%', { Path: 'C:%Admins%' }, { placeholders })).toBe(true)
    expect(item('Path|expand', 'C:\\\\%Admins%', { Path: 'C:%Admins%' }, { placeholders })).toBe(true)
  })
  it('\\% is a literal percent and %x% without expand is literal text', () => {
    expect(item('f|expand', '100\\%', { f: '100%' }, { placeholders })).toBe(true)
    expect(item('f', '%Admins%', { f: '%admins%' }, { placeholders })).toBe(true)
  })
  it('works in regexes', () => {
    expect(item('f|re|expand', '^%Admins%$', { f: 'root' }, { placeholders: { Admins: ['root', 'a.b'] } })).toBe(true)
    expect(item('f|re|expand', '^%Admins%$', { f: 'aXb' }, { placeholders: { Admins: ['root', 'a.b'] } })).toBe(false)
  })
  it('rejects the rule when a placeholder is unresolved', () => {
    expect(itemError('User|expand', '%Unknown%', { placeholders })?.message).toMatch(/'%Unknown%' has no configured values/)
    expect(itemError('User|expand', '%empty%', { placeholders })?.message).toMatch(/empty/)
    expect(itemError('User|expand', '%Admins%')).toMatchObject({ path: ['selection', 'User|expand'] })
  })
})

describe('modifier chains', () => {
  it('reject unknown and upper-case modifiers with the item path', () => {
    expect(itemError('f|foo', 'x')).toMatchObject({ message: "unknown modifier 'foo'", path: ['selection', 'f|foo'] })
    expect(itemError('f|Contains', 'x')?.message).toMatch(/lower case: 'contains'/)
    expect(itemError('f|', 'x')?.message).toMatch(/empty modifier/)
  })
  it('point at the failing list element', () => {
    expect(itemError('f|contains', ['ok', 5])?.path).toEqual(['selection', 'f|contains', 1])
  })
})
