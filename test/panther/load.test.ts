import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  discoverPantherFiles,
  isPantherDocument,
  loadPantherSpecs,
  validatePantherText,
  type PantherSpec,
} from '../../src/panther/index.js'
import { repo } from './helpers.js'

const RULE = `AnalysisType: rule
RuleID: Test.Rule
Enabled: true
Filename: rule.py
Severity: Medium
LogTypes:
  - Amazon.EKS.Audit
`

function check(text: string, options = {}) {
  return validatePantherText(text, '/nowhere/rule.yml', options)
}

const errors = (text: string, options = {}) =>
  check(text, options).findings.filter((f) => f.severity === 'error' && f.check !== 'panther-missing-file')

describe('YAML as PAT reads it', () => {
  it('keeps yes/no/on/off as strings, reads 0644 as decimal and keeps dates and sexagesimals as strings', () => {
    const { spec } = check(`${RULE}Tests:
  - Name: t
    ExpectedResult: true
    Log: { policy: off, flag: yes, mode: 0644, when: 2024-01-02, dur: 1:30:00, real: true, quoted: "on" }
`)
    const log = ((spec as PantherSpec).value.Tests as { Log: Record<string, unknown> }[])[0]?.Log
    expect(log).toEqual({ policy: 'off', flag: 'yes', mode: 644, when: '2024-01-02', dur: '1:30:00', real: true, quoted: 'on' })
  })

  it('reports a syntax error at its line', () => {
    const { findings } = check('AnalysisType: rule\nRuleID: [unclosed\n')
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ check: 'panther-yaml', severity: 'error', file: '/nowhere/rule.yml' })
    expect(findings[0]?.line).toBeGreaterThanOrEqual(2)
  })

  it('ignores YAML files without a top-level AnalysisType', () => {
    expect(check('name: ci\non: push\n')).toEqual({ findings: [] })
    expect(isPantherDocument({ AnalysisType: 'rule' })).toBe(true)
    expect(isPantherDocument({ name: 'x' })).toBe(false)
    expect(isPantherDocument(['AnalysisType'])).toBe(false)
  })
})

describe('strict per-type schemas', () => {
  it('accepts a minimal rule (only the missing .py is reported)', () => {
    const { findings, spec } = check(RULE)
    expect(findings.map((f) => f.check)).toEqual(['panther-missing-file'])
    expect(findings[0]).toMatchObject({ line: 4, column: 11 })
    expect(spec?.id).toBe('Test.Rule')
    expect(spec?.valid).toBe(false)
  })

  it('rejects an unknown key at the key, naming the valid keys', () => {
    const found = errors(`${RULE}Severty: High\n`)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ check: 'panther-schema', line: 8, column: 1 })
    expect(found[0]?.message).toMatch(/'Severty' not in list of valid keys: \[.*'Severity'/)
  })

  it('rejects unknown keys inside tests and mocks (expected_title belongs in the sidecar)', () => {
    const found = errors(`${RULE}Tests:
  - Name: t
    ExpectedResult: true
    expected_title: nope
    Log: {}
    Mocks:
      - objectName: f
        returnValue: [1, 2]
        extra: 1
`)
    expect(found.map((f) => f.message)).toEqual([
      expect.stringMatching(/'expected_title' not in list of valid keys/),
      expect.stringMatching(/'extra' not in list of valid keys/),
      expect.stringMatching(/returnValue: expected a string or a boolean/),
    ])
    expect(found[0]?.line).toBe(11)
  })

  it('rejects wrong types: string Enabled, boolean DedupPeriodMinutes, non-bool ExpectedResult', () => {
    const found = errors(`AnalysisType: rule
RuleID: Test.Rule
Enabled: "true"
Filename: rule.py
Severity: Medium
LogTypes: [Amazon.EKS.Audit]
DedupPeriodMinutes: true
Tests:
  - Name: t
    ExpectedResult: "yes"
    Log: {}
`)
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [3, "Enabled: expected a boolean (true or false), got str (\"true\")"],
      [7, 'DedupPeriodMinutes: expected an integer, got bool (true)'],
      [10, 'Tests[0].ExpectedResult: expected a boolean (true or false), got str ("yes")'],
    ])
  })

  it('takes only the five title-case severities', () => {
    for (const bad of ['HIGH', 'high', 'Informational', 'Severe']) {
      const found = errors(RULE.replace('Severity: Medium', `Severity: ${bad}`))
      expect(found).toHaveLength(1)
      expect(found[0]?.message).toContain(`'${bad}' is not one of 'Info', 'Low', 'Medium', 'High', 'Critical'`)
      expect(found[0]?.line).toBe(5)
    }
  })

  it('needs exactly one of Filename/Detection and of LogTypes/ScheduledQueries', () => {
    const both = errors(`${RULE}Detection:\n  - Key: a\n    Condition: Exists\n`)
    expect(both.map((f) => f.message)).toEqual(["'Filename' and 'Detection' cannot both be set: use exactly one"])
    const neither = errors(RULE.replace('Filename: rule.py\n', '').replace('LogTypes:\n  - Amazon.EKS.Audit\n', ''))
    expect(neither.map((f) => f.message)).toEqual([
      "needs exactly one of 'Filename', 'Detection'",
      "needs exactly one of 'LogTypes', 'ScheduledQueries'",
    ])
  })

  it('checks RuleID against the ID pattern and AnalysisType against the known types', () => {
    expect(errors(RULE.replace('RuleID: Test.Rule', 'RuleID: "a<b"'))[0]?.message).toMatch(/does not match the ID pattern/)
    const found = check('AnalysisType: detector\nRuleID: x\n').findings
    expect(found[0]).toMatchObject({ line: 1, column: 15, check: 'panther-schema' })
    expect(found[0]?.message).toMatch(/'detector' is not one of rule, scheduled_rule, policy/)
  })

  it('warns about unknown log types (the rule stays valid), accepts Custom.* and log types added by the config', () => {
    const text = RULE.replace('  - Amazon.EKS.Audit', '  - Amazon.EKS.Audit\n  - Custom.MyApp.Events\n  - Acme.Firewall\n  - custom.lower')
    expect(errors(text)).toEqual([])
    const warnings = (options?: Parameters<typeof check>[1]) => check(text, options).findings.filter((f) => f.check === 'panther-log-type')
    expect(warnings().map((f) => [f.severity, f.line, f.message.split(' (')[0]])).toEqual([
      ['warning', 9, "unknown log type 'Acme.Firewall'"],
      ['warning', 10, "unknown log type 'custom.lower'"],
    ])
    expect(warnings({ logTypes: ['Acme.Firewall', 'custom.lower'] })).toEqual([])
  })

  it('knows the log types panther-analysis uses that PAT\'s old static list lacked', () => {
    for (const lt of ['Databricks.Audit', 'Anthropic.Activity', 'Wiz.Audit', 'Zscaler.ZIA.AdminAuditLog', 'OpenAI.Audit']) {
      const text = RULE.replace('  - Amazon.EKS.Audit', `  - ${lt}`)
      expect(check(text).findings.filter((f) => f.check === 'panther-log-type')).toEqual([])
    }
  })

  it('reports duplicate LogTypes and tags that differ only in case', () => {
    const found = errors(`${RULE}  - Amazon.EKS.Audit\nTags: [Persistence, persistence]\n`)
    expect(found.map((f) => [f.check, f.line])).toEqual([
      ['panther-duplicate-value', 8],
      ['panther-duplicate-value', 9],
    ])
  })

  it('warns about dedup periods below 5 minutes', () => {
    const found = check(`${RULE}DedupPeriodMinutes: 0\n`).findings.filter((f) => f.severity === 'warning')
    expect(found[0]?.message).toMatch(/ignored by the backend/)
    const three = check(`${RULE}DedupPeriodMinutes: 3\n`).findings.filter((f) => f.severity === 'warning')
    expect(three[0]?.message).toBe('DedupPeriodMinutes 3 is treated as 5 upon upload')
  })

  it('validates policies, globals, data models, packs and scheduled queries', () => {
    expect(errors('AnalysisType: policy\nPolicyID: P\nEnabled: true\nFilename: p.py\nSeverity: Low\nResourceTypes: [AWS.S3.Bucket]\nTests:\n  - Name: t\n    ExpectedResult: false\n    Resource: {}\n')).toEqual([])
    expect(errors('AnalysisType: global\nGlobalID: helpers\nFilename: helpers.py\nLogTypes: [x]\n')[0]?.message).toMatch(/'LogTypes' not in list of valid keys/)
    const dm = errors('AnalysisType: datamodel\nDataModelID: D\nEnabled: true\nLogTypes: [GCP.AuditLog]\nMappings:\n  - Name: a\n    Path: $.a\n    Method: get_a\n  - Name: b\n')
    expect(dm.map((f) => f.message)).toEqual([
      "'Method' and 'Path' cannot both be set: use exactly one",
      "Mappings[1]: needs exactly one of 'Method', 'Path'",
    ])
    // PackDefinition.IDs is no set field in PAT: a repeated ID is only a warning.
    const pack = check('AnalysisType: pack\nPackID: P\nPackDefinition:\n  IDs: [a, a]\n').findings
    expect(pack.map((f) => [f.check, f.severity])).toEqual([['panther-pack-duplicate-id', 'warning']])
    const sq = errors('AnalysisType: scheduled_query\nQueryName: q\nEnabled: true\nQuery: select 1\nSchedule:\n  RateMinutes: 5\n  TimeoutMinutes: 10\n')
    expect(sq.map((f) => f.message)).toEqual(['Schedule.TimeoutMinutes: must not exceed RateMinutes (5)'])
    expect(errors('AnalysisType: saved_query\nQueryName: q\n')[0]?.message).toMatch(/needs at least one of 'Query'/)
  })

  it('validates SQL lookup tables (Query + Refresh, no Schema or Filename) apart from file-backed ones', () => {
    const sql = `AnalysisType: lookup_table
LookupName: okta_baseline
Enabled: true
Query: select 1
Refresh:
  CronExpression: "0 0 * * *"
LogTypeMap:
  PrimaryKey: actor
  AssociatedLogTypes:
    - LogType: Okta.SystemLog
      Selectors: [actor.id]
`
    expect(errors(sql)).toEqual([])
    expect(errors(sql.replace('  CronExpression: "0 0 * * *"', '  PeriodMinutes: 60'))).toEqual([])
    expect(errors(sql.replace('  CronExpression: "0 0 * * *"', '  PeriodMinutes: soon'))[0]?.message).toMatch(/PeriodMinutes|CronExpression/)
    expect(errors(sql.replace('Refresh:\n  CronExpression: "0 0 * * *"\n', ''))[0]?.message).toMatch(/Refresh/)
    expect(errors(`${sql}Schema: Custom.X\n`)[0]?.message).toMatch(/'Schema' not in list of valid keys/)
    const file = 'AnalysisType: lookup_table\nLookupName: t\nEnabled: true\nFilename: t.csv\nLogTypeMap:\n  PrimaryKey: k\n'
    expect(errors(file).map((f) => f.message)).toEqual(["missing required key 'Schema'"])
    // PAT: LookupName is any string; Filename/Refresh may be an object source.
    const s3 = 'AnalysisType: lookup_table\nLookupName: "50% baseline"\nEnabled: true\nSchema: Custom.T\nRefresh:\n  ObjectPath: s3://b/k.csv\n  PeriodMinutes: 60\nLogTypeMap:\n  PrimaryKey: k\n'
    expect(errors(s3)).toEqual([])
    expect(errors(s3.replace('  ObjectPath: s3://b/k.csv\n', ''))[0]?.message).toMatch(/ObjectPath/)
  })

  it('validates Simple Detection match expressions', () => {
    const simple = `AnalysisType: rule
RuleID: Simple
Enabled: true
Severity: Low
LogTypes: [GitHub.Audit]
Detection:
  - KeyPath: action
    Condition: Equals
    Value: repo.archived
  - Any:
      - Key: actor
        Condition: IsIn
        Values: [a, b]
      - DeepKey: [org, name]
        Condition: Exists
      - KeyPath: members[*].role
        Condition: AnyElement
        Expressions:
          - Key: x
            Condition: IsNullOrEmpty
InlineFilters:
  - Key: p_log_type
    Condition: StartsWith
    Value: GitHub
`
    expect(check(simple).findings).toEqual([])
    const bad = check(
      simple.replace('Condition: Equals', 'Condition: Equalz').replace('Condition: Exists', 'Condition: Exists\n        Value: 1').replace('Values: [a, b]', 'Value: a'),
    ).findings
    expect(bad.map((f) => [f.line, f.message.split(' (known')[0]])).toEqual([
      [8, "Detection[0].Condition: unknown condition 'Equalz'"],
      [11, 'Detection[1].Any[0]: IsIn needs \'Values\' (a list)'],
      [16, 'Detection[1].Any[1]: Exists takes no value'],
    ])
  })
})

describe('checks across files', () => {
  it('reports duplicate IDs across types, conflicting data models and unknown pack IDs', () => {
    const dir = repo({
      'rules/a.yml': RULE.replace('rule.py', 'a.py'),
      'rules/a.py': 'def rule(e):\n    return True\n',
      'rules/b.yml': RULE.replace('rule.py', 'b.py'),
      'rules/b.py': 'def rule(e):\n    return True\n',
      'data_models/one.yml': 'AnalysisType: datamodel\nDataModelID: One\nEnabled: true\nLogTypes: [GCP.AuditLog]\nMappings:\n  - Name: a\n    Path: $.a\n',
      'data_models/two.yml': 'AnalysisType: datamodel\nDataModelID: Two\nEnabled: true\nLogTypes: [GCP.AuditLog]\nMappings:\n  - Name: a\n    Path: $.b\n',
      'data_models/off.yml': 'AnalysisType: datamodel\nDataModelID: Off\nEnabled: false\nLogTypes: [GCP.AuditLog]\nMappings:\n  - Name: a\n    Path: $.b\n',
      'packs/p.yml': 'AnalysisType: pack\nPackID: P\nPackDefinition:\n  IDs: [Test.Rule, Missing.Rule]\n',
    })
    const { findings, specs } = loadPantherSpecs(discoverPantherFiles([dir]))
    expect(findings.map((f) => [path.relative(dir, f.file), f.line, f.check])).toEqual([
      ['rules/b.yml', 2, 'panther-duplicate-id'],
      ['data_models/two.yml', 4, 'panther-datamodel-conflict'],
      ['packs/p.yml', 4, 'panther-pack-reference'],
    ])
    expect(findings[0]?.message).toMatch(/^Conflicting AnalysisID: \[Test.Rule\] is also defined at .*a\.yml:2$/)
    expect(specs.find((s) => s.file.endsWith('b.yml'))?.valid).toBe(false)
    expect(specs.find((s) => s.file.endsWith('a.yml'))?.valid).toBe(true)
    expect(loadPantherSpecs(discoverPantherFiles([dir]), { packReferences: false }).findings).toHaveLength(2)
  })
})

describe('discovery as PAT walks', () => {
  it('skips hidden files and folders and __pycache__, takes .yml and .yaml, adds helper folders beside the path', () => {
    const dir = repo({
      'rules/a.yml': RULE,
      'rules/b.yaml': RULE,
      'rules/.hidden.yml': RULE,
      'rules/.git/c.yml': RULE,
      'rules/__pycache__/d.yml': RULE,
      'rules/a.ruleproof.yml': 'tests: {}\n',
      'rules/notes.txt': 'x',
      'global_helpers/h.yml': 'AnalysisType: global\n',
      'data_models/m.yml': 'AnalysisType: datamodel\n',
      'templates/t.yml': RULE,
      '.github/dependabot.yml': 'version: 2\n',
      'root_rule.yml': RULE,
    })
    const rel = (files: string[]) => files.map((f) => path.relative(dir, f))
    expect(rel(discoverPantherFiles(['rules'], { cwd: dir }))).toEqual([
      'data_models/m.yml',
      'global_helpers/h.yml',
      'rules/a.yml',
      'rules/b.yaml',
    ])
    // From the repository root: the root's own files, and only analysis-looking folders below
    // it (templates/ is not one), as PAT walks it.
    expect(rel(discoverPantherFiles(['.'], { cwd: dir }))).toEqual([
      'data_models/m.yml',
      'global_helpers/h.yml',
      'root_rule.yml',
      'rules/a.yml',
      'rules/b.yaml',
    ])
    expect(rel(discoverPantherFiles(['templates'], { cwd: dir, helperDirs: false }))).toEqual(['templates/t.yml'])
  })
})
