import { describe, expect, it } from 'vitest'
import { families, familyNames, selectFamilies } from '../../generators/index.js'
import { FAMILY_STEPS, selectNames } from '../../generators/families/names.js'

describe('FAMILY_STEPS (the name table the Sigma loader reads instead of loading the generators)', () => {
  it('lists every family and its steps, in the order of `families`', () => {
    expect(FAMILY_STEPS).toEqual(Object.fromEntries(families.map((f) => [f.name, [...f.steps]])))
    expect(Object.keys(FAMILY_STEPS)).toEqual(families.map((f) => f.name))
    expect(Object.values(FAMILY_STEPS).flat()).toEqual(familyNames())
  })

  it('selectNames selects what selectFamilies selects', () => {
    const names = Object.keys(FAMILY_STEPS)
    for (const glob of ['*', 'atomic.*', 'atomic.*,!atomic.*cronjob', 'benign.*,noise.*']) {
      expect(selectNames(glob, names)).toEqual(selectFamilies(glob).map((f) => f.name))
    }
    expect(() => selectNames('atomic.nope', names)).toThrow(/no family matches 'atomic.nope'/)
    expect(() => selectNames('*,!*', names)).toThrow(/selects no family/)
  })
})
