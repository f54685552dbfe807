// Ground truth per rule: a rule answers for the malicious records of the techniques it claims
// (a sub-technique counting for its parent) or the families its tests name; the rest are out of scope.
import { describe, expect, it } from 'vitest'
import { groundTruth, noPositivesNote, scopeOf } from '../../src/harness/truth.js'
import { labelTechniques, pantherTechniques, sigmaTechniques, techniqueId } from '../../src/shared/attack.js'

describe('technique ids', () => {
  it('reads Sigma attack tags, skipping tactics, groups and software', () => {
    expect(sigmaTechniques(['attack.execution', 'attack.t1609', 'attack.T1053.007', 'attack.g0007', 'attack.s0002', 'car.2013-05-004', 7])).toEqual(['T1053.007', 'T1609'])
    expect(sigmaTechniques(undefined)).toEqual([])
  })

  it('reads Panther Reports MITRE ATT&CK tactic:technique pairs', () => {
    expect(pantherTechniques({ 'MITRE ATT&CK': ['TA0002:T1609', 'TA0003:T1053.003', 'TA0004'], CIS: ['1.2'] })).toEqual(['T1053.003', 'T1609'])
    expect(pantherTechniques({ 'mitre att&ck': 'TA0001:T1078, TA0008:T1550.001' })).toEqual(['T1078', 'T1550.001'])
    expect(pantherTechniques(['TA0002:T1609'])).toEqual([])
  })

  it('normalises label techniques and rejects what is not a technique', () => {
    expect(labelTechniques('T1053.007')).toEqual(['T1053.007'])
    expect(labelTechniques(['T1609', 't1611'])).toEqual(['T1609', 'T1611'])
    expect(labelTechniques(null)).toEqual([])
    expect(techniqueId('TA0002')).toBeUndefined()
    expect(techniqueId('T12345')).toBeUndefined()
  })
})

describe('ground truth', () => {
  it('scores by technique when the rule claims one; a sub-technique record counts for a parent claim, not the reverse', () => {
    const parent = scopeOf(groundTruth(['T1053'], []))
    expect(parent({ technique: 'T1053.007', family: 'atomic.cron' })).toBe(true)
    expect(parent({ technique: 'T1609', family: 'atomic.pod-exec' })).toBe(false)
    const sub = scopeOf(groundTruth(['T1053.003'], []))
    expect(sub({ technique: 'T1053.007', family: 'atomic.cron' })).toBe(false)
    expect(sub({ technique: 'T1053', family: 'atomic.cron' })).toBe(false)
    expect(sub({ technique: 'T1053.003', family: 'atomic.cron' })).toBe(true)
  })

  it('also counts the families its tests name, with their cascade steps', () => {
    const truth = groundTruth(['T1609'], ['atomic.cronjob-*'])
    expect(truth.scoredBy).toBe('technique')
    const s = scopeOf(truth)
    expect(s({ technique: 'T1053.007', family: 'atomic.cronjob-miner.job' })).toBe(true)
    expect(s({ technique: 'T1053.007', family: 'atomic.other' })).toBe(false)
  })

  it('falls back to families, else is unscored with the reason', () => {
    const fam = groundTruth([], ['atomic.seed-reverse-shell'])
    expect(fam.scoredBy).toBe('family')
    expect(scopeOf(fam)({ technique: 'T1053.007', family: 'atomic.seed-reverse-shell.pod' })).toBe(true)
    expect(scopeOf(fam)({ technique: 'T1053.007', family: 'atomic.seed-miner' })).toBe(false)
    const none = groundTruth([], [])
    expect(none.scoredBy).toBe('unscored')
    expect(none.reason).toContain('claims no ATT&CK technique')
    expect(scopeOf(none)({ technique: 'T1053.007', family: 'atomic.x' })).toBe(false)
  })

  it('names the families that would give a rule positives, or says the generator has none', () => {
    const offered = [
      { name: 'atomic.cron-a', technique: 'T1053.007' },
      { name: 'atomic.exec', technique: 'T1609' },
    ]
    expect(noPositivesNote(groundTruth(['T1609'], []), offered)).toBe(
      'no labelled events for T1609 in this dataset: add families atomic.exec (ruleproof generate --families atomic.exec)',
    )
    expect(noPositivesNote(groundTruth(['T1053'], []), offered)).toContain('add families atomic.cron-a')
    expect(noPositivesNote(groundTruth(['T1190'], []), offered)).toBe(
      'no labelled events for T1190 in this dataset: the generator has no family for it yet: add labelled events of it to the dataset',
    )
  })
})
