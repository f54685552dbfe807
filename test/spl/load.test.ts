import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyFile } from '../../src/rules/classify.js'
import { loadRuleSet } from '../../src/rules/index.js'
import { validateConfigValue } from '../../src/config/validate.js'
import { loadSplRuleText } from '../../src/spl/index.js'
import { splunkHecEvent, splunkRow } from '../../src/spl/views.js'
import { detection } from './detection.js'

const DETECTION = (search: string, extra = ''): string => detection(search) + extra

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'spl-'))
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true })
    writeFileSync(path.join(dir, f), text)
  }
  return dir
}

const create = { kind: 'Event', verb: 'create', objectRef: { resource: 'cronjobs', name: 'c' }, user: { username: 'u' }, stageTimestamp: '2026-01-05T10:00:00.000000Z' }

describe('loading security_content detections', () => {
  it('classifies detections (not their macros or data sources) as splunk-spl', () => {
    expect(classifyFile('d/x.yml', DETECTION('a=b'))).toBe('splunk-spl')
    expect(classifyFile('r/macros/kube_audit.yml', 'name: kube_audit\ndefinition: source="kubernetes"\ndescription: x\n')).toBe('splunk-support')
    expect(classifyFile('r/data_sources/k.yml', 'name: K\nid: 1\nversion: 1\ndescription: d\nsource: kubernetes\nsourcetype: _json\n')).toBe('splunk-support')
  })

  it('rejects unknown keys and wrong types at their keys', () => {
    const text = DETECTION('a=b', 'colour: red\n').replace('version: 1', 'version: one')
    const { rules, findings } = loadSplRuleText(text, '/x/d.yml')
    expect(rules).toEqual([])
    expect(findings.map((f) => [f.check, f.line, f.message])).toEqual(
      expect.arrayContaining([
        ['spl-schema', 3, expect.stringContaining('version')],
        ['spl-schema', 24, "'colour' is not a key of a security_content detection"],
      ]),
    )
  })

  it('expands macros from macros/ above the detection; a missing _filter macro is search *', () => {
    const dir = repo({
      'macros/kube_audit.yml': 'name: kube_audit\ndefinition: source="kubernetes"\n',
      'detections/cloud/d.yml': DETECTION('`kube_audit` verb=create | stats count by user.username | `d_filter`'),
    })
    const { rules, findings } = loadSplRuleText(DETECTION('`kube_audit` verb=create | stats count by user.username | `d_filter`'), path.join(dir, 'detections/cloud/d.yml'))
    expect(findings).toEqual([])
    expect(rules[0]!.expanded.text).toBe('source="kubernetes" verb=create | stats count by user.username | search *')
    expect(rules[0]!.variants).toEqual(['k8s', 'eks', 'gke', 'aks'])
  })

  it('an unknown macro is an error at its place in the file', () => {
    const text = DETECTION('verb=create | `nosuch_macro(a)`')
    const { rules, findings } = loadSplRuleText(text, path.join(repo({}), 'd.yml'))
    expect(rules).toEqual([])
    expect(findings).toMatchObject([{ check: 'spl-macro', line: 11, column: 24, message: expect.stringContaining('unknown macro `nosuch_macro(1)`') }])
  })

  it.each([
    ['folded >-', 'search: >-\n  source=kubernetes verb=create\n  | stats count by user\n\n  | `nosuch_macro`\n', 15, 5],
    ['literal |', 'search: |\n    source=kubernetes verb=create\n    | `nosuch_macro`\n', 13, 7],
    ['plain', 'search: source=kubernetes verb=create\n  | stats count\n  | `nosuch_macro`\n', 13, 5],
    ['double-quoted', 'search: "source=kubernetes \\"x\\" verb=create \\\n  | stats count\n\n  | `nosuch_macro`"\n', 14, 5],
    ['single-quoted', "search: 'source=kubernetes ''x'' verb=create\n  | stats count\n     | `nosuch_macro`'\n", 13, 8],
  ])('an unknown macro in a multi-line %s search is an error at its file:line:column', (_style, search, line, column) => {
    const text = DETECTION('X').replace("search: 'X'\n", search)
    for (const eol of ['\n', '\r\n']) {
      const { findings } = loadSplRuleText(text.replace(/\n/g, eol), path.join(repo({}), 'd.yml'))
      expect(findings).toMatchObject([{ check: 'spl-macro', line, column, message: expect.stringContaining('unknown macro `nosuch_macro`') }])
    }
  })

  it('tstats is an unsupported finding at its place', () => {
    const { findings } = loadSplRuleText(DETECTION('| tstats count from datamodel=Endpoint.Processes by Processes.dest'), path.join(repo({}), 'd.yml'))
    expect(findings).toMatchObject([{ check: 'spl-unsupported', line: 11, column: 12, message: expect.stringContaining('tstats') }])
  })

  it('reads sidecar tests and runs them on Splunk\'s view of the variant', async () => {
    const dir = repo({
      'd.yml': DETECTION('source=kubernetes verb=create | stats count by objectRef.name user.username'),
      'd.ruleproof.yml': `tests:\n  - name: creates\n    expect: match\n    values: {count: 1, objectRef.name: c}\n    event: ${JSON.stringify(create)}\n  - name: wrong\n    expect: no-match\n    event: ${JSON.stringify(create)}\n  - name: bad\n    expect: maybe\n    event: {}\n`,
    })
    const { rules, findings } = loadSplRuleText(DETECTION('source=kubernetes verb=create | stats count by objectRef.name user.username'), path.join(dir, 'd.yml'))
    expect(findings).toMatchObject([{ check: 'spl-tests', file: path.join(dir, 'd.ruleproof.yml'), line: 10 }])
    const [ok, wrong] = await Promise.all(rules[0]!.tests.map((t) => rules[0]!.runTest(t)))
    expect(ok).toMatchObject({ status: 'pass', actual: 'match' })
    expect(wrong).toMatchObject({ status: 'fail', message: expect.stringContaining('"objectRef.name":"c"') })
  })

  it('a multi-event test replayed on another variant runs the search over all its records (a stats search needs them all)', async () => {
    const text = DETECTION('verb=create | stats count by user.username | where count >= 2')
    const dir = repo({ 'd.yml': text })
    const { rules } = loadSplRuleText(text, path.join(dir, 'd.yml'))
    const rule = rules[0]!
    const records = [create, { ...create, objectRef: { resource: 'cronjobs', name: 'd' } }]
    expect((await rule.evaluate(records[0], 'k8s')).match).toBe(false)
    expect((await rule.evaluate(records[0], 'k8s', { records })).match).toBe(true)
  })

  it('replay\'s synchronous matcher judges a record as evaluate does, on the variant\'s view', async () => {
    const { rules } = loadSplRuleText(DETECTION('source=kubernetes verb=create | stats count by objectRef.name'), path.join(repo({}), 'd.yml'))
    const rule = rules[0]!
    const k8s = rule.matcher!('k8s')
    for (const record of [create, { ...create, verb: 'update' }, { ...create, objectRef: {} }]) {
      expect(k8s(record)).toBe((await rule.evaluate(record, 'k8s')).match)
    }
    expect(k8s(create)).toBe(true)
    // The search reads source=kubernetes: the CloudWatch path is blind to it, as evaluate says.
    expect(rule.matcher!('eks')(create)).toBe(false)
    // A record the first search drops still meets what follows it: a count of none, a missing lookup.
    const dir = repo({})
    const count = loadSplRuleText(DETECTION('verb=nosuch | stats count | where count=0'), path.join(dir, 'd.yml')).rules[0]!
    expect(count.matcher!('k8s')(create)).toBe(true)
    const lookup = loadSplRuleText(DETECTION('verb=nosuch | lookup nosuch_table user'), path.join(dir, 'd.yml')).rules[0]!
    expect(() => lookup.matcher!('k8s')(create)).toThrow(/d\.yml:11:\d+: lookup table 'nosuch_table' not found/)
    const time = loadSplRuleText(DETECTION('earliest=-5m verb=create | table verb'), path.join(dir, 'd.yml')).rules[0]!
    expect(time.matcher!('k8s')(create)).toBe(true)
  })

  it('security_content tests read attack_data from a mirror folder, or are skipped naming the file', async () => {
    const url = 'https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/attack_techniques/T1053.007/x/x.json'
    const tests = `tests:\n- name: True Positive Test\n  attack_data:\n  - data: ${url}\n    sourcetype: _json\n    source: kubernetes\n`
    const dir = repo({ 'd.yml': '', 'mirror/datasets/attack_techniques/T1053.007/x/x.json': `${JSON.stringify(create)}\nnot json\n` })
    const text = DETECTION('source=kubernetes verb=create', tests)
    const withData = loadSplRuleText(text, path.join(dir, 'd.yml'), { attackData: path.join(dir, 'mirror') }).rules[0]!
    expect(await withData.runTest(withData.tests[0]!)).toMatchObject({ status: 'pass', actual: 'match' })
    const without = loadSplRuleText(text, path.join(dir, 'd.yml')).rules[0]!
    expect(await without.runTest(without.tests[0]!)).toMatchObject({ status: 'skip', message: expect.stringContaining(url) })
  })

  it('loadRuleSet discovers the splunk-spl format beside Sigma and Panther', async () => {
    const dir = repo({ 'rules/d.yml': DETECTION('source=kubernetes verb=create'), 'rules/macros/m.yml': 'name: m\ndefinition: x\n' })
    const set = await loadRuleSet([path.join(dir, 'rules')], { cwd: dir })
    expect(set.rules.map((r) => r.format)).toEqual(['splunk-spl'])
    expect(set.findings).toEqual([])
  })
})

describe('the splunk section of the config', () => {
  it('gives macros (below macros/ folders) and the attack data folder', async () => {
    const config = { rules: ['rules'], splunk: { attackData: 'mirror', macros: { kube_audit: 'source=kubernetes', 'pick(1)': { definition: 'verb=$v$', arguments: ['v'] } } } }
    expect(() => validateConfigValue(config, 'ruleproof.config.yml')).not.toThrow()
    expect(() => validateConfigValue({ rules: ['rules'], splunk: { macros: { x: 1 } } }, 'ruleproof.config.yml')).toThrow()
    const dir = repo({ 'rules/d.yml': DETECTION('`kube_audit` `pick(create)`') })
    const set = await loadRuleSet([path.join(dir, 'rules')], { cwd: dir, config: config as never })
    expect(set.findings).toEqual([])
    expect((set.rules[0] as unknown as { expanded: { text: string } }).expanded.text).toBe('source=kubernetes verb=create')
  })
})

describe("Splunk's view of the variants", () => {
  it('k8s is source=kubernetes sourcetype=_json with the Event as _raw', () => {
    const row = splunkRow('k8s', create)
    expect([row.source, row.sourcetype, row['objectRef.resource'], row._time]).toEqual(['kubernetes', '_json', 'cronjobs', 1767607200])
  })
  it('eks, gke and aks arrive with their add-ons\' sourcetypes and layouts', () => {
    expect(splunkHecEvent('eks', create, { clusterName: 'prod', region: 'eu-west-1' })).toMatchObject({ sourcetype: 'aws:cloudwatchlogs', source: 'eu-west-1:/aws/eks/prod/cluster:kube-apiserver-audit', event: create })
    const gke = splunkRow('gke', { protoPayload: { methodName: 'io.k8s.batch.v1.cronjobs.create' }, timestamp: '2026-01-05T10:00:00Z' })
    expect([gke.sourcetype, gke['data.protoPayload.methodName']]).toEqual(['google:gcp:pubsub:message', 'io.k8s.batch.v1.cronjobs.create'])
    const aks = splunkRow('aks', { category: 'kube-audit', properties: { log: JSON.stringify(create) } })
    expect([aks.sourcetype, aks.category, typeof aks['properties.log']]).toEqual(['mscs:azure:eventhub', 'kube-audit', 'string'])
  })
  it('aks: one diagnostic record per event, as the Event Hub input writes it by default (records split, no body wrapper), its hub in the source', () => {
    const record = { time: '2026-01-05T10:00:00Z', resourceId: '/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD', category: 'kube-audit-admin', operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read', properties: { log: JSON.stringify(create), stream: 'stdout', pod: 'kube-apiserver-1' } }
    const hec = splunkHecEvent('aks', record, { clusterName: 'prod' })
    expect(hec).toMatchObject({ sourcetype: 'mscs:azure:eventhub', source: 'eventhub://prod-logs.servicebus.windows.net/insights-logs-kube-audit-admin;', event: record })
    const row = splunkRow('aks', record, { clusterName: 'prod' })
    expect([row['properties.pod'], row['body.category'], row['records{}.category']]).toEqual(['kube-apiserver-1', undefined, undefined])
    expect(splunkHecEvent('azure-activity', { operationName: 'x' }, { clusterName: 'prod' }).source).toBe('eventhub://prod-logs.servicebus.windows.net/insights-activity-logs;')
  })
})
