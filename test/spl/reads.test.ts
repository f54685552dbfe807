import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultEnvironment } from '../../src/harness/environment.js'
import { runHarness } from '../../src/harness/index.js'
import { loadSplRuleText } from '../../src/spl/index.js'
import { expandMacros, type MacroDefinition } from '../../src/spl/macros.js'
import { parseSpl } from '../../src/spl/parser.js'
import { searchReads } from '../../src/spl/reads.js'
import { detection } from './detection.js'

const table = (macros: MacroDefinition[]): Map<string, MacroDefinition> => new Map(macros.map((m) => [m.args.length ? `${m.name}(${m.args.length})` : m.name, m]))
const reads = (search: string, macros: MacroDefinition[] = []) => searchReads(parseSpl(expandMacros(search, table(macros)).text))
const fields = (search: string, macros: MacroDefinition[] = []) => reads(search, macros).fields

describe('the fields a search reads', () => {
  it('search terms, through macros; index/source/sourcetype are read as the event\'s own fields', () => {
    const macros: MacroDefinition[] = [{ name: 'kube_audit', args: [], definition: 'source="kubernetes"' }, { name: 'res', args: ['r'], definition: '"objectRef.resource"=$r$' }]
    expect(fields('`kube_audit` verb=create `res(cronjobs)` NOT user.groups{} IN (a, b) responseStatus.code>=400', macros)).toEqual(['objectRef.resource', 'responseStatus.code', 'source', 'user.groups{}', 'verb'])
  })

  it('where and stats by are read; fields only aggregated or shown are not', () => {
    expect(fields('verb=create | stats count values(user.groups{}) as g dc(sourceIPs{}) as n by objectRef.name | table g n')).toEqual(['objectRef.name', 'verb'])
    expect(fields('verb=create | stats dc(sourceIPs{}) as n by objectRef.name | where n > 1')).toEqual(['objectRef.name', 'sourceIPs{}', 'verb'])
  })

  it('follows eval and rename chains back to the event fields', () => {
    expect(fields('* | eval who=lower(user.username) | rename who as actor | rename actor as a2 | search a2=admin')).toEqual(['user.username'])
    // A wildcard rename may leave the name on an event that had it already: both are read.
    expect(fields('* | rename user.* as u_* | where u_username="x"')).toEqual(['u_username', 'user.username'])
    expect(fields('* | rename sourceIPs{} as src_ip, user.username as user | stats count by src_ip user')).toEqual(['sourceIPs{}', 'user.username'])
    // Renames that map names onto themselves end (the corpus has them).
    expect(fields('* | rename * as * | rename *_x as * | where a="1"')).toEqual(['a', 'a_x'])
    expect(fields('* | eval x=coalesce(a, b) | stats count(eval(x="1")) as c | where c > 0')).toEqual(['a', 'b'])
  })

  it('spath, rex, lookup and subsearches', () => {
    expect(fields('category=kube-audit | spath input=properties.log | search verb=create')).toEqual(['category', 'properties.log', 'verb'])
    expect(fields('* | rex field=requestURI "/namespaces/(?<ns>[^/]+)" | where ns="kube-system"')).toEqual(['requestURI'])
    expect(fields('* | lookup allowed_users user as user.username OUTPUT allowed | where isnull(allowed)')).toEqual(['user.username'])
    expect(fields('verb=delete | join user.username [search verb=create | fields user.username] | append [search verb=patch]')).toEqual(['user.username', 'verb'])
  })

  it('free text, _raw and searchmatch read the whole event; time modifiers and now() read its time', () => {
    expect(reads('verb=create cronjob').raw).toBe(true)
    expect(reads('* | rex "user=(?<u>\\w+)" | where isnotnull(u)').raw).toBe(true)
    // rex alone filters nothing: what it extracts is read only if something filters on it.
    expect(reads('* | rex "user=(?<u>\\w+)"').raw).toBe(false)
    expect(reads('* | where searchmatch("cron")').raw).toBe(true)
    expect(reads('verb=create | search *').raw).toBe(false)
    expect(reads('earliest=-1h verb=create')).toMatchObject({ raw: false, time: true })
    expect(reads('* | where _time > relative_time(now(), "-1d")').time).toBe(true)
  })
})

describe('fieldsRead: the record paths on each variant', () => {
  const rule = (search: string) => loadSplRuleText(detection(search), path.join(mkdtempSync(path.join(tmpdir(), 'spl-')), 'd.yml')).rules[0]!
  it('maps Splunk fields to the raw record of the variant: {} dropped, GKE\'s data. prefix, the time fields', () => {
    const r = rule('source=kubernetes verb=create data.protoPayload.methodName=x sourceIPs{}=1.2.3.4 earliest=-1h')
    expect(r.fieldsRead!('k8s')).toEqual(['data.protoPayload.methodName', 'receiveTimestamp', 'requestReceivedTimestamp', 'sourceIPs', 'stageTimestamp', 'time', 'timestamp', 'verb'])
    expect(r.fieldsRead!('gke')).toEqual(['protoPayload.methodName', 'receiveTimestamp', 'requestReceivedTimestamp', 'stageTimestamp', 'time', 'timestamp'])
  })
  it('a search reading free text reads every path', () => {
    expect(rule('cronjob').fieldsRead!('k8s')).toEqual([''])
  })
})

describe('property checks run for SPL rules', () => {
  const create = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'RequestResponse', auditID: 'a1', stage: 'ResponseComplete', requestURI: '/apis/batch/v1/namespaces/default/cronjobs', verb: 'create', user: { username: 'atomic-user', groups: ['system:authenticated'] }, sourceIPs: ['203.0.113.7'], userAgent: 'kubectl/v1.29.1', objectRef: { resource: 'cronjobs', namespace: 'default', name: 'atomic-cron', apiGroup: 'batch', apiVersion: 'v1' }, responseStatus: { metadata: {}, code: 201 }, requestReceivedTimestamp: '2026-01-05T10:00:00.000000Z', stageTimestamp: '2026-01-05T10:00:00.000000Z' }
  const withTest = (search: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spl-'))
    writeFileSync(path.join(dir, 'd.ruleproof.yml'), `tests:\n  - name: creates\n    expect: match\n    event: ${JSON.stringify(create)}\n`)
    return loadSplRuleText(detection(search), path.join(dir, 'd.yml')).rules[0]!
  }
  const property = async (search: string) => (await runHarness([withTest(search)], defaultEnvironment(), { kinds: ['property'], runs: 20, seed: 1 })).filter((r) => r.variant === 'k8s')

  it('vary what the search does not read and keep its verdict', async () => {
    const [r] = await property('source=kubernetes verb=create "objectRef.resource"=cronjobs | stats count by user.username')
    expect(r).toMatchObject({ kind: 'property', status: 'pass' })
    // It reads user.username: the user aspect stays; ids, addresses, agents, names of objects vary.
    expect(r!.message).toMatch(/perturbations of .*auditID.*sourceIPs.*userAgent.*key order/)
    expect(r!.message).not.toMatch(/\buser\b/)
  })
  it('a search on free text varies nothing of the record but its key order', async () => {
    const [r] = await property('atomic-user')
    expect(r).toMatchObject({ kind: 'property', status: 'pass' })
    expect(r!.message).toMatch(/perturbations of key order$/)
  })
})
