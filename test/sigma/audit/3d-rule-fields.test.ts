/**
 * Audit of reference/sigma.md §3.d "Top-level fields of a detection rule" (spec + JSON schema
 * columns) and the legacy collection paragraph, through `loadSigmaText`. Where spec/schema and
 * pySigma differ, ruleproof follows the spec's schema (see docs/sigma-engine.md "Audited corner
 * cases").
 */
import { describe, expect, it } from 'vitest'
import { loadSigmaText, sigmaRulesFromDocuments } from '../../../src/sigma/index.js'

const ID = '9f0e2b1c-3d4a-4b5c-8d6e-7f8091a2b3c4'
const DETECTION = 'detection:\n  sel:\n    verb: create\n  condition: sel\n'

/** A valid rule with `extra` top-level YAML appended (or `replace` applied). */
function rule(extra = '', replace?: (text: string) => string): string {
  const text = `title: Audit rule\nid: ${ID}\nlogsource:\n  product: kubernetes\n  service: audit\n${DETECTION}${extra}`
  return replace ? replace(text) : text
}

function errors(text: string): string[] {
  return loadSigmaText(text, 'r.yml')
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.message)
}

describe('§3.d a valid rule with every optional field', () => {
  it('loads without findings', () => {
    const text = rule(
      [
        'name: audit_rule_name',
        'related:',
        '  - id: 0c9b3bda-41a6-4442-9345-356ae86343dc',
        '    type: derived',
        'taxonomy: sigma',
        'status: experimental',
        'description: A rule written for the audit tests.',
        'license: DRL-1.1',
        'author: Alice, Bob',
        'references:',
        '  - https://example.org/a',
        'date: 2024-07-11',
        'modified: 2024-08-01',
        'fields:',
        '  - verb',
        'falsepositives:',
        '  - Unknown',
        'level: high',
        'tags:',
        '  - attack.execution',
        '  - attack.t1053.007',
        '  - cve.2021-44228',
        'scope:',
        '  - server',
        'custom_attribute: anything',
        '',
      ].join('\n'),
    )
    const loaded = loadSigmaText(text, 'r.yml')
    expect(loaded.findings).toEqual([])
    expect(loaded.documents[0]).toMatchObject({ kind: 'rule', valid: true, id: ID, name: 'audit_rule_name', status: 'experimental', level: 'high' })
  })
})

describe('§3.d mandatory fields', () => {
  it('title is mandatory, at most 256 characters', () => {
    expect(errors(rule('', (t) => t.replace('title: Audit rule\n', '')))).toEqual([expect.stringMatching(/title/)])
    expect(errors(rule('', (t) => t.replace('Audit rule', 'x'.repeat(256))))).toEqual([])
    expect(errors(rule('', (t) => t.replace('Audit rule', 'x'.repeat(257))))).toEqual([expect.stringMatching(/title/)])
  })
  it('logsource is mandatory; an object of strings', () => {
    expect(errors(rule('', (t) => t.replace('logsource:\n  product: kubernetes\n  service: audit\n', '')))).toEqual([expect.stringMatching(/logsource/)])
    expect(errors(rule('', (t) => t.replace('product: kubernetes', 'product: 5')))).toEqual([expect.stringMatching(/logsource\.product/)])
  })
  it('detection is mandatory and needs a condition', () => {
    expect(errors(rule('', (t) => t.replace(DETECTION, '')))).toEqual([expect.stringMatching(/detection/)])
    expect(errors(rule('', (t) => t.replace('  condition: sel\n', '')))).toEqual([expect.stringMatching(/condition/)])
  })
  it('each search identifier is a list of strings/integers/maps, or a map', () => {
    expect(errors(rule('', (t) => t.replace('  sel:\n    verb: create\n', '  sel: true\n')))).not.toEqual([])
  })
})

describe('§3.d optional fields and their formats', () => {
  it('id: a UUID (hyphenated; any case)', () => {
    expect(errors(rule('', (t) => t.replace(ID, ID.toUpperCase())))).toEqual([])
    expect(errors(rule('', (t) => t.replace(ID, 'not-a-uuid')))).toEqual([expect.stringMatching(/id/)])
  })
  it('name: a string of at most 256 characters', () => {
    expect(errors(rule(`name: ${'n'.repeat(257)}\n`))).toEqual([expect.stringMatching(/name/)])
  })
  it('related: items need id (uuid) and a type among derived, obsolete, merged, renamed, similar', () => {
    for (const type of ['derived', 'obsolete', 'merged', 'renamed', 'similar'])
      expect(errors(rule(`related:\n  - id: 0c9b3bda-41a6-4442-9345-356ae86343dc\n    type: ${type}\n`)), type).toEqual([])
    expect(errors(rule('related:\n  - id: 0c9b3bda-41a6-4442-9345-356ae86343dc\n    type: obsoletes\n'))).not.toEqual([])
    expect(errors(rule('related:\n  - type: derived\n'))).not.toEqual([])
    expect(errors(rule('related:\n  - id: nope\n    type: derived\n'))).not.toEqual([])
  })
  it('status: stable, test, experimental, deprecated, unsupported', () => {
    for (const s of ['stable', 'test', 'experimental', 'deprecated', 'unsupported']) expect(errors(rule(`status: ${s}\n`)), s).toEqual([])
    expect(errors(rule('status: production\n'))).toEqual([expect.stringMatching(/status/)])
  })
  it('level: informational, low, medium, high, critical', () => {
    for (const l of ['informational', 'low', 'medium', 'high', 'critical']) expect(errors(rule(`level: ${l}\n`)), l).toEqual([])
    expect(errors(rule('level: severe\n'))).toEqual([expect.stringMatching(/level/)])
  })
  it('description: at most 65535 characters', () => {
    expect(errors(rule(`description: ${'d'.repeat(65535)}\n`))).toEqual([])
    expect(errors(rule(`description: ${'d'.repeat(65536)}\n`))).toEqual([expect.stringMatching(/description/)])
  })
  it('date/modified: YYYY-MM-DD (unquoted dates stay strings); v2 dropped YYYY/MM/DD', () => {
    expect(errors(rule('date: 2024-07-11\nmodified: 2024-12-31\n'))).toEqual([])
    expect(errors(rule("date: '2024-07-11'\n"))).toEqual([])
    expect(errors(rule('date: 2024-13-01\n'))).toEqual([expect.stringMatching(/date/)])
    expect(errors(rule('date: 2024-01-32\n'))).toEqual([expect.stringMatching(/date/)])
    expect(errors(rule('modified: 2024-1-2\n'))).toEqual([expect.stringMatching(/modified/)])
    expect(errors(rule('date: 2024/07/11\n'))).toEqual([expect.stringMatching(/YYYY-MM-DD/)])
  })
  it('references and fields: unique strings', () => {
    expect(errors(rule('references:\n  - https://a\n  - https://a\n'))).toEqual([expect.stringMatching(/references/)])
    expect(errors(rule('fields:\n  - a\n  - a\n'))).toEqual([expect.stringMatching(/fields/)])
  })
  it('falsepositives: unique strings of at least 2 characters', () => {
    expect(errors(rule('falsepositives:\n  - x\n'))).toEqual([expect.stringMatching(/falsepositives/)])
    expect(errors(rule('falsepositives:\n  - Admins\n  - Admins\n'))).toEqual([expect.stringMatching(/falsepositives/)])
  })
  it('tags: unique, namespaced ns.value, lower case, digits, _ and -', () => {
    expect(errors(rule('tags:\n  - attack.t1059.001\n  - detection.emerging-threats\n  - tlp.amber-strict\n  - car.2016-04-005\n'))).toEqual([])
    expect(errors(rule('tags:\n  - attack\n'))).toEqual([expect.stringMatching(/tags/)])
    expect(errors(rule('tags:\n  - attack.T1059\n'))).toEqual([expect.stringMatching(/tags/)])
    expect(errors(rule('tags:\n  - attack.has space\n'))).toEqual([expect.stringMatching(/tags/)])
    expect(errors(rule('tags:\n  - d3fend.d3f-WindowsNtOpenFile\n'))).toEqual([expect.stringMatching(/tags/)]) // the appendix's own example fails
    expect(errors(rule('tags:\n  - attack.execution\n  - attack.execution\n'))).toEqual([expect.stringMatching(/tags/)])
  })
  it('scope: strings of at least 2 characters', () => {
    expect(errors(rule('scope:\n  - x\n'))).toEqual([expect.stringMatching(/scope/)])
  })
  it('custom attributes are allowed', () => {
    expect(errors(rule('regression_tests_path: regression_data/x/info.yml\nsimulation:\n  - x\nmy_key: 1\n'))).toEqual([])
  })
  it('findings point at the offending key or value (file:line:column)', () => {
    const f = loadSigmaText(rule('level: severe\n'), 'r.yml').findings[0]!
    expect(f).toMatchObject({ file: 'r.yml', line: 10, column: 8 })
  })
})

describe('§3.d legacy collections (action: global | reset | repeat)', () => {
  const collection = [
    'action: global',
    'title: Global title',
    'logsource:',
    '  product: kubernetes',
    'detection:',
    '  condition: sel',
    '---',
    'detection:',
    '  sel:',
    '    verb: create',
    '---',
    'action: repeat',
    'detection:',
    '  sel:',
    '    verb: delete',
    '---',
    'action: reset',
    '---',
    'title: Standalone',
    'logsource:',
    '  product: kubernetes',
    'detection:',
    '  sel:',
    '    verb: patch',
    '  condition: sel',
    '',
  ].join('\n')
  it('global is merged into each rule, repeat repeats the previous rule with changes, reset drops the template', () => {
    const { documents, findings } = loadSigmaText(collection, 'c.yml')
    expect(findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(documents.map((d) => d.title)).toEqual(['Global title', 'Global title', 'Standalone'])
    const rules = sigmaRulesFromDocuments(documents)
    expect(rules.map((r) => ['create', 'delete', 'patch'].filter((verb) => r.compiled().match({ verb })))).toEqual([['create'], ['delete'], ['patch']])
  })
  it('an unknown action is an error', () => {
    expect(errors('action: merge\ntitle: x\n')).toEqual([expect.stringMatching(/action/)])
  })
})
