import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { discoverPantherFiles, loadPantherSpecs, validatePantherText } from '../../src/panther/index.js'

/**
 * ruleproof's strict per-type schemas must be at least as strict as the JSON schema PAT ships
 * (PAT validates with both): whatever PAT's schema rejects, ours rejects too; and on the real
 * corpus both accept every file. PAT's schema is read from the corpus here and nowhere else.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const spec = path.resolve(root, '../shared/corpus/panther-spec/analysis_config_schema.json')
const corpus = path.resolve(root, '../shared/corpus/panther')

const BASE = `AnalysisType: rule
RuleID: Mutant.Rule
Enabled: true
Filename: rule.py
Severity: Medium
LogTypes: [Amazon.EKS.Audit]
DedupPeriodMinutes: 60
Tags: [Kubernetes]
Reports:
  MITRE ATT&CK: ["TA0003:T1053.007"]
Tests:
  - Name: t
    ExpectedResult: true
    Log: {"verb": "create"}
    Mocks:
      - objectName: f
        returnValue: "x"
`

const MUTANTS: [string, string, string][] = [
  ['bad severity', 'Severity: Medium', 'Severity: Urgent'],
  ['string ExpectedResult', 'ExpectedResult: true', 'ExpectedResult: "yes"'],
  ['unknown test key', '    Log: {"verb": "create"}', '    Log: {"verb": "create"}\n    Expected: 1'],
  ['string dedup', 'DedupPeriodMinutes: 60', 'DedupPeriodMinutes: "60"'],
  ['bad AnalysisType', 'AnalysisType: rule', 'AnalysisType: detection'],
  ['Tags not a list', 'Tags: [Kubernetes]', 'Tags: Kubernetes'],
  ['non-string LogTypes', 'LogTypes: [Amazon.EKS.Audit]', 'LogTypes: [1]'],
  ['missing ExpectedResult', '    ExpectedResult: true\n', ''],
  ['report object', 'MITRE ATT&CK: ["TA0003:T1053.007"]', 'MITRE ATT&CK: [{a: 1}]'],
  ['Enabled string', 'Enabled: true', 'Enabled: "true"'],
  ['bad detection', 'Filename: rule.py', 'Detection:\n  - Key: a\n    Value: 1'],
]

describe.skipIf(!existsSync(spec))('agreement with PAT’s shipped JSON schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  const validate = ajv.compile(JSON.parse(readFileSync(spec, 'utf8')) as object)
  const parse = (text: string) => validatePantherText(text, '/virtual/rule.yml')

  it('accepts the base document', () => {
    const { spec: s, findings } = parse(BASE)
    expect(validate(s?.value)).toBe(true)
    expect(findings.map((f) => f.check)).toEqual(['panther-missing-file'])
  })

  it.each(MUTANTS)('rejects what PAT’s schema rejects: %s', (_name, from, to) => {
    const text = BASE.replace(from, to)
    expect(text).not.toBe(BASE)
    const { spec: s, findings } = parse(text)
    expect(validate(s?.value)).toBe(false)
    expect(findings.filter((f) => f.check !== 'panther-missing-file').length).toBeGreaterThan(0)
  })

  it('is stricter where PAT’s strict step is: unknown top-level keys and upper-case severities', () => {
    for (const text of [`${BASE}Extra: 1\n`, BASE.replace('Severity: Medium', 'Severity: MEDIUM')]) {
      const { spec: s, findings } = parse(text)
      expect(validate(s?.value)).toBe(true)
      expect(findings.some((f) => f.check === 'panther-schema')).toBe(true)
    }
  })

  it.skipIf(!existsSync(corpus))('both accept every corpus file', () => {
    const { specs } = loadPantherSpecs(discoverPantherFiles([corpus], { helperDirs: false }), { packReferences: false })
    expect(specs.length).toBe(80)
    for (const s of specs) expect(validate(s.value), s.file).toBe(true)
  })
})
