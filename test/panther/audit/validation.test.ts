import { describe, expect, it } from 'vitest'
import { loadPantherRules, validatePantherText } from '../../../src/panther/index.js'
import { hasPython, loadRepo, repo, runAll, testYaml } from './probe.js'

const base = (extra: Record<string, string> = {}, drop: string[] = []): string => {
  const keys: Record<string, string> = {
    AnalysisType: 'rule',
    RuleID: 'Audit.Valid',
    Enabled: 'true',
    Filename: 'rule.py',
    Severity: 'Medium',
    LogTypes: '[Amazon.EKS.Audit]',
    ...extra,
  }
  return Object.entries(keys)
    .filter(([k]) => !drop.includes(k))
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')
}

/** Findings of one rule file (with its .py present) as [check, message]. */
async function findingsOf(yaml: string, py = 'def rule(event):\n    return False\n'): Promise<[string, string][]> {
  const dir = repo({ 'rules/rule.yml': yaml, 'rules/rule.py': py })
  const l = await loadPantherRules([`${dir}/rules`], { cwd: dir, python: 'python3' })
  await l.close()
  return l.findings.map((f) => [f.check, f.message])
}

const schemaErrors = async (yaml: string) => (await findingsOf(yaml)).filter(([c]) => c === 'panther-schema')

// panther.md §2.1.2 / §2.1.3 validation
describe('audit §2.1 validation', () => {
  it('a valid rule has no findings', async () => {
    expect(await findingsOf(base())).toEqual([])
  })

  it('rejects unknown keys naming the valid ones', async () => {
    const errs = await schemaErrors(base({ Sevrity: 'High' }))
    expect(errs).toEqual([['panther-schema', expect.stringMatching(/'Sevrity' not in list of valid keys/)]])
  })

  it('rejects unknown keys inside a test and inside a mock', async () => {
    const test = `Tests:\n${testYaml('t', true, {})}\n    Expected_Title: x`
    expect(await schemaErrors(`${base()}\n${test}`)).toHaveLength(1)
    const mock = `Tests:\n${testYaml('t', true, {})}\n    Mocks:\n      - objectName: x\n        returnValue: y\n        side_effect: z`
    expect(await schemaErrors(`${base()}\n${mock}`)).toHaveLength(1)
  })

  it('requires AnalysisType, Enabled, RuleID, Severity and the test keys Name / ExpectedResult / Log', async () => {
    for (const key of ['Enabled', 'RuleID', 'Severity']) expect((await schemaErrors(base({}, [key]))).length, key).toBeGreaterThan(0)
    expect((await schemaErrors(`${base()}\nTests:\n  - Name: t\n    Log: {}`)).length).toBeGreaterThan(0)
    expect((await schemaErrors(`${base()}\nTests:\n  - ExpectedResult: true\n    Log: {}`)).length).toBeGreaterThan(0)
    expect((await schemaErrors(`${base()}\nTests:\n  - Name: t\n    ExpectedResult: true`)).length).toBeGreaterThan(0)
  })

  it('rejects an unknown AnalysisType; ignores YAML without AnalysisType', async () => {
    expect((await schemaErrors(base({ AnalysisType: 'detection' }))).length).toBeGreaterThan(0)
    expect(await findingsOf('just: a file\nother: yaml\n')).toEqual([])
  })

  it('checks types: Enabled is a bool, DedupPeriodMinutes an int (not a bool, not a string), Tags a list of strings', async () => {
    for (const extra of <Record<string, string>[]>[{ Enabled: '"true"' }, { DedupPeriodMinutes: 'true' }, { DedupPeriodMinutes: '"60"' }, { Tags: 'one' }, { Tags: '[1, 2]' }, { Threshold: '1.5' }]) {
      expect((await schemaErrors(base(extra))).length, JSON.stringify(extra)).toBeGreaterThan(0)
    }
    expect(await schemaErrors(base({ DedupPeriodMinutes: '60', Threshold: '3', Tags: '[]' }))).toEqual([])
  })

  it('Severity is exactly Info, Low, Medium, High or Critical (title case)', async () => {
    for (const s of ['Info', 'Low', 'Medium', 'High', 'Critical']) expect(await schemaErrors(base({ Severity: s })), s).toEqual([])
    for (const s of ['HIGH', 'high', 'Severe', 'INFO', '3']) expect((await schemaErrors(base({ Severity: s }))).length, s).toBeGreaterThan(0)
  })

  it('IDs may not contain <, >, &, " or %', async () => {
    for (const id of ['"A<B"', '"A&B"', '"A%B"', "'A\"B'"]) expect((await schemaErrors(base({ RuleID: id }))).length, id).toBeGreaterThan(0)
    expect(await schemaErrors(base({ RuleID: 'Has Spaces.And-Dashes_1' }))).toEqual([])
  })

  it('exactly one of Filename / Detection and exactly one of LogTypes / ScheduledQueries', async () => {
    expect((await schemaErrors(base({}, ['Filename']))).length).toBeGreaterThan(0)
    expect((await schemaErrors(base({ Detection: '[{Key: verb, Condition: Equals, Value: create}]' }))).length).toBeGreaterThan(0)
    expect((await schemaErrors(base({}, ['LogTypes']))).length).toBeGreaterThan(0)
    expect((await schemaErrors(base({ ScheduledQueries: '[Q]' }))).length).toBeGreaterThan(0)
    expect(await schemaErrors(base({ AnalysisType: 'scheduled_rule', ScheduledQueries: '[Q]' }, ['LogTypes']))).toEqual([])
  })

  it('a Filename that does not exist is reported', async () => {
    expect((await findingsOf(base({ Filename: 'missing.py' }))).map(([c]) => c)).toEqual(['panther-missing-file'])
  })

  it('duplicate values in LogTypes, Tags (ignoring case), OutputIds, SummaryAttributes', async () => {
    for (const extra of <Record<string, string>[]>[
      { LogTypes: '[Amazon.EKS.Audit, Amazon.EKS.Audit]' },
      { Tags: '[Kubernetes, kubernetes]' },
      { OutputIds: '[a, a]' },
      { SummaryAttributes: '[x, x]' },
    ]) {
      expect((await findingsOf(base(extra))).map(([c]) => c), JSON.stringify(extra)).toContain('panther-duplicate-value')
    }
  })

  it('DedupPeriodMinutes 0 or below 5 are warnings only', async () => {
    const zero = await loadRepo({ 'rules/r.yml': base({ DedupPeriodMinutes: '0' }), 'rules/rule.py': 'def rule(e):\n    return False\n' })
    expect(zero.findings.map((f) => [f.check, f.severity])).toEqual([['panther-dedup-period', 'warning']])
    const three = await loadRepo({ 'rules/r.yml': base({ DedupPeriodMinutes: '3' }), 'rules/rule.py': 'def rule(e):\n    return False\n' })
    expect(three.findings.map((f) => [f.check, f.severity])).toEqual([['panther-dedup-period', 'warning']])
  })

  it('IDs are unique across all loaded items of all types (Conflicting AnalysisID)', async () => {
    const dir = repo({
      'rules/a.yml': base({ RuleID: 'Same.ID' }),
      'rules/b.yml': base({ RuleID: 'Same.ID' }),
      'rules/rule.py': 'def rule(e):\n    return False\n',
      'global_helpers/g.yml': 'AnalysisType: global\nGlobalID: Shared.ID\nFilename: g.py\n',
      'global_helpers/g.py': '',
      'rules/c.yml': base({ RuleID: 'Shared.ID' }),
    })
    const l = await loadPantherRules([`${dir}/rules`], { cwd: dir })
    await l.close()
    const dups = l.findings.filter((f) => f.check === 'panther-duplicate-id')
    expect(dups.map((f) => f.message).join('\n')).toMatch(/Same\.ID/)
    expect(dups.map((f) => f.message).join('\n')).toMatch(/Shared\.ID/)
  })

  it('LogTypes: managed types and Custom.* (PAT pattern) pass, others are reported', async () => {
    expect(await findingsOf(base({ LogTypes: '[Amazon.EKS.Audit, GCP.AuditLog, Azure.MonitorActivity, Custom.MyApp.Audit]' }))).toEqual([])
    expect((await findingsOf(base({ LogTypes: '[Kubernetes.Audit]' }))).map(([c]) => c)).toEqual(['panther-log-type'])
    expect((await findingsOf(base({ LogTypes: '[Custom.lowercase]' }))).map(([c]) => c)).toEqual(['panther-log-type'])
  })

  it('a pack naming an ID that is not loaded is reported', async () => {
    const dir = repo({ 'packs/p.yml': 'AnalysisType: pack\nPackID: P\nPackDefinition:\n  IDs: [No.Such.Rule]\n' })
    const l = await loadPantherRules([`${dir}/packs`], { cwd: dir })
    expect(l.findings.map((f) => f.check)).toContain('panther-pack-reference')
  })

  it('findings point at file:line:column of the offending key', () => {
    const { findings } = validatePantherText(`${base()}\nSevrity: High\n`, 'rule.yml')
    expect(findings[0]).toMatchObject({ file: 'rule.yml', line: 7, column: 1 })
  })
})

// panther.md §2.1.1 YAML dialect: PAT's loader keeps yes/no/on/off as strings, 0644 as 644, timestamps as strings.
describe('audit §2.1.1 YAML dialect', () => {
  it('yes/no/on/off are strings, so "Enabled: yes" is not a bool', async () => {
    expect((await schemaErrors(base({ Enabled: 'yes' }))).length).toBeGreaterThan(0)
    expect(await schemaErrors(base({ Enabled: 'True' }))).toEqual([])
    expect(await schemaErrors(base({ Enabled: 'TRUE' }))).toEqual([])
  })

  it.skipIf(!hasPython)('test logs keep off/yes as strings, 0644 as decimal 644, dates and 1:30:00 as strings', async () => {
    const yaml = `${base()}\nTests:\n  - Name: dialect\n    ExpectedResult: true\n    Log:\n      policy: off\n      flag: yes\n      mode: 0644\n      hex: 0x1F\n      when: 2022-11-29 00:09:04\n      day: 2022-11-29\n      dur: 1:30:00\n      t: True\n`
    const py = `def rule(event):
    return (event.get("policy") == "off" and event.get("flag") == "yes" and event.get("mode") == 644
            and event.get("hex") == 31 and event.get("when") == "2022-11-29 00:09:04"
            and event.get("day") == "2022-11-29" and event.get("dur") == "1:30:00" and event.get("t") is True)
`
    const l = await loadRepo({ 'rules/rule.yml': yaml, 'rules/rule.py': py })
    expect(l.findings).toEqual([])
    expect((await runAll(l.rules[0]))[0]?.status).toBe('pass')
  })
})

// panther.md §2.1.1 discovery
describe('audit §2.1.1 discovery', () => {
  const rule = (id: string) => base({ RuleID: id, Filename: 'r.py' })
  it('skips hidden files and folders, __pycache__ and dependabot.yml; from "." walks only analysis folders', async () => {
    const dir = repo({
      'rules/r.yml': rule('Seen'),
      'rules/r.py': 'def rule(e):\n    return False\n',
      'rules/.hidden.yml': rule('Hidden.File'),
      'rules/.hid/x.yml': rule('Hidden.Dir'),
      'rules/__pycache__/x.yml': rule('Pycache'),
      'rules/dependabot.yml': 'AnalysisType: nonsense\n',
      'templates/t.yml': rule('Template'),
      'templates/r.py': 'def rule(e):\n    return False\n',
    })
    const fromRoot = await loadPantherRules(['.'], { cwd: dir, python: 'python3' })
    await fromRoot.close()
    expect(fromRoot.findings).toEqual([])
    expect(fromRoot.rules.map((r) => r.id)).toEqual(['Seen'])
    const explicit = await loadPantherRules(['templates'], { cwd: dir, python: 'python3' })
    await explicit.close()
    expect(explicit.rules.map((r) => r.id)).toEqual(['Template'])
  })

  it.skipIf(!hasPython)('loads global_helpers beside the given folder and one level up', async () => {
    const dir = repo({
      'repo/global_helpers/h.yml': 'AnalysisType: global\nGlobalID: up_helper\nFilename: h.py\n',
      'repo/global_helpers/h.py': 'X = 1\n',
      'repo/rules/k8s/r.yml': `${rule('Uses.Helper')}\nTests:\n${testYaml('t', true, {})}`,
      'repo/rules/k8s/r.py': 'import up_helper\n\ndef rule(e):\n    return up_helper.X == 1\n',
    })
    const l = await loadPantherRules([`${dir}/repo/rules`], { cwd: dir })
    try {
      expect(l.findings).toEqual([])
      expect((await runAll(l.rules[0]))[0]?.status).toBe('pass')
    } finally {
      await l.close()
    }
  })
})

describe('audit §2.1.3 rule keys, continued', () => {
  it('legacy LogType inside a test is accepted; Reports maps to lists of strings or numbers', async () => {
    expect(await schemaErrors(`${base()}\nTests:\n${testYaml('t', true, {})}\n    LogType: Amazon.EKS.Audit`)).toEqual([])
    expect(await schemaErrors(base({ Reports: '{"MITRE ATT&CK": ["TA0003:T1053.003", 7]}' }))).toEqual([])
    expect((await schemaErrors(base({ Reports: '{"MITRE ATT&CK": "TA0003"}' }))).length).toBeGreaterThan(0)
  })

  it('DisplayName follows the ID pattern; AlertTitle, Description, Runbook, Reference are strings', async () => {
    expect(await schemaErrors(base({ DisplayName: 'Kubernetes CronJob Created (or Modified)' }))).toEqual([])
    expect((await schemaErrors(base({ DisplayName: '"A & B"' }))).length).toBeGreaterThan(0)
    for (const key of ['AlertTitle', 'Description', 'Runbook', 'Reference']) {
      expect((await schemaErrors(base({ [key]: '[a]' }))).length, key).toBeGreaterThan(0)
    }
  })

  it('CreateAlert and OnlyUseBaseRiskScore are bools; BaseVersion an int; Status is a free string', async () => {
    expect(await schemaErrors(base({ CreateAlert: 'false', OnlyUseBaseRiskScore: 'true', BaseVersion: '3', Status: 'experimental' }))).toEqual([])
    expect((await schemaErrors(base({ CreateAlert: '"no"' }))).length).toBeGreaterThan(0)
  })
})

describe('audit: log types list is extendable', () => {
  it('the logTypes option (config panther.logTypes) accepts an instance\'s own types, for rules and data models', async () => {
    const dir = repo({
      'rules/r.yml': base({ LogTypes: '[Internal.Audit]' }),
      'rules/rule.py': 'def rule(e):\n    return False\n',
      'data_models/d.yml': 'AnalysisType: datamodel\nDataModelID: D\nEnabled: true\nLogTypes: [Internal.Audit]\nMappings:\n  - Name: a\n    Path: $.a\n',
    })
    const strict = await loadPantherRules([`${dir}/rules`], { cwd: dir, python: 'python3' })
    await strict.close()
    expect(strict.findings.map((f) => f.check)).toEqual(['panther-log-type', 'panther-log-type'])
    const extended = await loadPantherRules([`${dir}/rules`], { cwd: dir, python: 'python3', logTypes: ['Internal.Audit'] })
    await extended.close()
    expect(extended.findings).toEqual([])
  })
})
