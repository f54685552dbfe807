import { describe, expect, it } from 'vitest'
import { compileDetection, getModifier, modifierNames, modifiers, selectionNames } from '../../../src/sigma/compile/index.js'
import { compileError } from './helpers.js'

const cronjob = {
  selection: {
    'objectRef.apiGroup': 'batch',
    'objectRef.resource': ['cronjobs', 'jobs'],
    verb: ['create', 'delete', 'patch', 'replace', 'update'],
  },
  condition: 'selection',
}
const event = { verb: 'create', objectRef: { apiGroup: 'batch', resource: 'cronjobs', namespace: 'default' } }

describe('compileDetection', () => {
  it('matches the seed Kubernetes rule', () => {
    const d = compileDetection(cronjob)
    expect(d.match(event)).toBe(true)
    expect(d.match({ ...event, verb: 'get' })).toBe(false)
    expect(d.match({ ...event, objectRef: { apiGroup: 'apps', resource: 'cronjobs' } })).toBe(false)
  })

  it('lists the fields it reads', () => {
    expect(compileDetection(cronjob).fields).toEqual(['objectRef.apiGroup', 'objectRef.resource', 'verb'])
    expect(compileDetection({ s: { 'a|fieldref': 'b' }, k: ['kw'], condition: 's or k' }).fields).toEqual(['a', 'b'])
  })

  it('explains which selections matched', () => {
    const d = compileDetection({ selection: { verb: 'create' }, filter: { user: 'system' }, condition: 'selection and not filter' })
    expect(d.explain({ verb: 'create', user: 'system' })).toEqual({ match: false, selections: { selection: true, filter: true } })
    expect(d.explain({ verb: 'create' })).toEqual({ match: true, selections: { selection: true, filter: false } })
  })

  it('uses a custom accessor and reports unsupported fields (they read as absent)', () => {
    const unsupported: string[] = []
    const d = compileDetection(
      { s: { verb: 'create', hostPath: '*' }, f: { missing: null }, g: { 'hostPath|contains': 'x' }, condition: 's or f or g' },
      {
        accessor: (field) => (field === 'verb' ? (r) => (r as { v: string }).v : undefined),
        onUnsupportedField: (f) => unsupported.push(f),
      },
    )
    expect(unsupported).toEqual(['hostPath', 'missing'])
    expect(d.match({ v: 'create', hostPath: '/' })).toBe(true) // f: missing is null → true
    expect(d.explain({ v: 'create', hostPath: '/' }).selections).toEqual({ s: false, f: true, g: false })
  })

  it('ignores condition and timeframe keys as selections', () => {
    expect(selectionNames({ a: {}, condition: 'a', timeframe: '5m' })).toEqual(['a'])
  })

  it('rejects malformed selections with their path', () => {
    expect(compileError({ s: null, condition: 's' })).toMatchObject({ path: ['s'], message: expect.stringMatching(/null/) })
    expect(compileError({ s: {}, condition: 's' })).toMatchObject({ path: ['s'] })
    expect(compileError({ s: [], condition: 's' })).toMatchObject({ path: ['s'] })
    expect(compileError({ s: [{ a: 1 }, [1]], condition: 's' })).toMatchObject({ path: ['s', 1] })
    expect(compileError({ s: [{ a: 1 }, null], condition: 's' })).toMatchObject({ path: ['s', 1] })
    expect(compileError({ s: true, condition: 's' })).toMatchObject({ path: ['s'] })
    expect(compileError({ s: [{ 'a|contains': 5 }], condition: 's' })).toMatchObject({ path: ['s', 0, 'a|contains'] })
  })
})

describe('filters (reference §3.e: rule condition AND filter condition)', () => {
  const filter = { id: 'f1', detection: { selection: { 'user.username|startswith': 'system:' } }, condition: 'not selection' }
  it('an excluding filter says not selection', () => {
    const d = compileDetection(cronjob, { filters: [filter] })
    expect(d.match({ ...event, user: { username: 'alice' } })).toBe(true)
    expect(d.match({ ...event, user: { username: 'system:serviceaccount:x' } })).toBe(false)
    expect(d.match({ ...event, verb: 'get', user: { username: 'alice' } })).toBe(false)
    expect(d.fields).toContain('user.username')
  })
  it('explains filter selections under the filter id', () => {
    const d = compileDetection(cronjob, { filters: [filter, { detection: { rules: ['x'], sel: { verb: 'create' } }, condition: 'sel' }] })
    expect(d.explain({ ...event, user: { username: 'system:x' } })).toEqual({
      match: false,
      selections: { selection: true, 'f1:selection': true, 'filter1:sel': true },
    })
  })
  it('filter errors carry a $filters path', () => {
    expect(() => compileDetection(cronjob, { filters: [{ detection: { s: { a: 1 } }, condition: 'nope' }] })).toThrow(
      expect.objectContaining({ path: ['$filters', 0, 'condition'] }),
    )
  })
})

describe('modifier table', () => {
  it('declares every spec 2.1.0 modifier', () => {
    const spec = ['contains', 'startswith', 'endswith', 'all', 'exists', 'cased', 'neq', 'windash', 're', 'i', 'm', 's', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'lt', 'lte', 'gt', 'gte', 'minute', 'hour', 'day', 'week', 'month', 'year', 'cidr', 'expand', 'fieldref']
    for (const name of spec) expect(getModifier(name), name).toBeDefined()
    expect(modifierNames()).toEqual(expect.arrayContaining([...spec, 'ignorecase', 'multiline', 'dotall']))
  })
  it('each entry names itself, and value modifiers declare what they accept', () => {
    for (const [key, def] of Object.entries(modifiers)) {
      expect(def.name).toBe(key === 'i' || key === 'm' || key === 's' ? key : key)
      if (def.scope === 'value') {
        expect(def.accepts.length).toBeGreaterThan(0)
        expect(def.apply).toBeTypeOf('function')
      } else expect(def.apply).toBeUndefined()
    }
  })
})
