import { describe, expect, it } from 'vitest'
import { classifyFile } from '../../src/rules/index.js'
import { globMatches } from '../../src/rules/glob.js'

describe('classifyFile: what a discovered file is, from its name and text', () => {
  it.each([
    ['rules/a.yml', 'title: x\nlogsource: {}\ndetection: {}\n', 'sigma'],
    ['rules/a.yml', 'AnalysisType: rule\nRuleID: X\n', 'panther'],
    ['rules/a.yml', '"AnalysisType": global\n', 'panther'],
    ['rules/a.tests.yml', 'tests: []\n', 'sigma-sidecar'],
    ['rules/a.ruleproof.yml', 'tests: {}\n', 'panther-sidecar'],
    ['rules/a_test.yml', 'match: true\nevent: {a: 1}\n', 'sigma-test'],
    ['rules/a_test.yml', 'title: x\ndetection: {}\n', 'sigma'],
    ['regression_data/x/info.yml', 'id: 1\nregression_tests_info: []\n', 'sigmahq-regression'],
    ['tests/zircolite.json', '[{"id": "x", "true_positive": []}]', 'zircolite'],
    ['tests/events.json', '{"verb": "create"}', 'other'],
    ['ruleproof.config.yml', 'runs: 1\n', 'config'],
    ['.github/workflows/ci.yml', 'on: push\njobs: {}\n', 'other'],
  ])('%s', (file, text, kind) => {
    expect(classifyFile(file, text)).toBe(kind)
  })
})

describe('exclude globs', () => {
  it.each([
    ['rules/deprecated', 'rules/deprecated/a.yml', true],
    ['rules/deprecated/', 'rules/deprecated/x/a.yml', true],
    ['**/deprecated/**', 'rules/deprecated/a.yml', true],
    ['**/deprecated/**', 'deprecated/a.yml', true],
    ['**/*.draft.yml', 'rules/k8s/a.draft.yml', true],
    ['*.yml', 'rules/a.yml', false],
    ['rules/?.yml', 'rules/a.yml', true],
    ['rules/?.yml', 'rules/ab.yml', false],
    ['rules/a.yml', 'rules/a.yml.bak', false],
    ['rules/(x)+.yml', 'rules/(x)+.yml', true],
  ])('%s vs %s', (glob, file, hit) => {
    expect(globMatches(glob, file)).toBe(hit)
  })
})
