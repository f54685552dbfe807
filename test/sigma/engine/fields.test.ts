import { describe, expect, it } from 'vitest'
import { defaultAccessor, defaultKeywords, pathAccessor } from '../../../src/sigma/fields.js'
import { item } from './helpers.js'

describe('defaultAccessor', () => {
  it('reads top-level and nested fields', () => {
    expect(defaultAccessor('verb')({ verb: 'get' })).toBe('get')
    expect(defaultAccessor('objectRef.resource')({ objectRef: { resource: 'pods' } })).toBe('pods')
    expect(defaultAccessor('a.b.c')({ a: { b: { c: 3 } } })).toBe(3)
  })
  it('a literal dotted key wins, at any level', () => {
    expect(defaultAccessor('a.b')({ 'a.b': 1, a: { b: 2 } })).toBe(1)
    expect(defaultAccessor('a.b.c')({ a: { 'b.c': 'lit', b: { c: 'nested' } } })).toBe('lit')
    expect(defaultAccessor('a.b')({ 'a.b': null, a: { b: 2 } })).toBe(null)
  })
  it('searches arrays on the path element-wise and collects the values', () => {
    const ecs = { requestParameters: { containerDefinitions: [{ command: ['sh', '-c', 'curl $AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] }, { image: 'x' }] } }
    expect(defaultAccessor('requestParameters.containerDefinitions.command')(ecs)).toEqual(['sh', '-c', 'curl $AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'])
    expect(defaultAccessor('a.b')({ a: [{ b: 1 }, { b: 2 }, { c: 3 }] })).toEqual([1, 2])
    expect(defaultAccessor('a.b')({ a: [{ c: 3 }] })).toBeUndefined()
    expect(item('requestParameters.containerDefinitions.command|contains', '$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', ecs)).toBe(true)
  })
  it('absent, non-object and prototype names read as undefined', () => {
    expect(defaultAccessor('x')({})).toBeUndefined()
    expect(defaultAccessor('a.b')({ a: 'str' })).toBeUndefined()
    expect(defaultAccessor('a.b')({ a: null })).toBeUndefined()
    expect(defaultAccessor('constructor')({})).toBeUndefined()
    expect(defaultAccessor('a.toString')({ a: {} })).toBeUndefined()
    expect(defaultAccessor('constructor')({ constructor: 'mine' })).toBe('mine')
    expect(defaultAccessor('x')(null)).toBeUndefined()
  })
  it('is cached per name', () => {
    expect(defaultAccessor('q.r')).toBe(defaultAccessor('q.r'))
  })
})

describe('pathAccessor', () => {
  it('follows explicit keys without splitting dots', () => {
    expect(pathAccessor(['a.b', 'c'])({ 'a.b': { c: 1 } })).toBe(1)
    expect(pathAccessor(['a', 'b'])({ a: [{ b: 1 }, { b: [2, 3] }] })).toEqual([1, [2, 3]])
    expect(pathAccessor(['a', 'b', 'c'])({ a: { b: { c: 'deep' } } })).toBe('deep')
    expect(pathAccessor([])({ x: 1 })).toEqual({ x: 1 })
  })
})

describe('defaultKeywords', () => {
  it('lists string, number and boolean leaves', () => {
    expect(defaultKeywords({ a: 'x', b: [1, { c: true, d: null }], e: { f: 'y' } })).toEqual(['x', '1', 'true', 'y'])
  })
})
