import { describe, expect, it } from 'vitest'
import { rulesTouchedBy, ruleStem } from '../../src/harness/changed.js'
import { fakeRule } from './fakes.js'

const rule = (id: string, format: 'sigma' | 'panther' = 'sigma') => {
  const r = fakeRule({ id, variants: [], tests: [], predicate: () => true })
  return { ...r, format, file: `/repo/rules/${id}.yml` }
}

describe('--changed-since: which rules a change touches', () => {
  const sigma = rule('cron')
  const other = rule('other')
  const panther = rule('k8s_cron', 'panther')

  it('reads sidecars and Python bodies as part of their rule', () => {
    expect(ruleStem('/repo/rules/cron.tests.yml')).toBe('/repo/rules/cron')
    expect(rulesTouchedBy([sigma, other, panther], ['/repo/rules/cron.tests.yml']).map((r) => r.id)).toEqual(['cron'])
    expect(rulesTouchedBy([sigma, other, panther], ['/repo/rules/k8s_cron.py']).map((r) => r.id)).toEqual(['k8s_cron'])
  })

  it('selects every Panther rule when a global helper changes, and everything when the config does', () => {
    expect(rulesTouchedBy([sigma, panther], ['/repo/rules/global_helpers/k8s.py']).map((r) => r.id)).toEqual(['k8s_cron'])
    expect(rulesTouchedBy([sigma, panther], ['/repo/ruleproof.config.yml'], '/repo/ruleproof.config.yml')).toHaveLength(2)
  })

  it('selects nothing for unrelated changes', () => {
    expect(rulesTouchedBy([sigma, panther], ['/repo/README.md'])).toEqual([])
  })
})
