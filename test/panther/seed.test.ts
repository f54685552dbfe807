import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { loadPantherRules, type PantherLoad } from '../../src/panther/index.js'
import { hasPython } from './helpers.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const rules = path.join(root, 'rules/panther')
let load: PantherLoad | undefined
afterAll(async () => load?.close())

describe.skipIf(!hasPython)('seed rule Kubernetes.CronJob.CreatedOrModified', () => {
  it('loads without findings and passes its 7 tests on EKS, AKS and GKE logs', async () => {
    load = await loadPantherRules([rules], { cwd: root })
    expect(load.findings).toEqual([])
    const rule = load.rules.find((r) => r.id === 'Kubernetes.CronJob.CreatedOrModified')
    expect(rule?.variants).toEqual(['eks', 'aks', 'gke'])
    const results = await Promise.all((rule?.tests ?? []).map((t) => rule!.runTest(t)))
    expect(results.map((r) => [r.test, r.variant, r.status])).toEqual([
      ['EKS CronJob Created', 'eks', 'pass'],
      ['AKS CronJob Updated', 'aks', 'pass'],
      ['GCP GKE CronJob Created', 'gke', 'pass'],
      ['CronJob Creation Failed', 'eks', 'pass'],
      ['Pod Creation (Not CronJob)', 'eks', 'pass'],
      ['CronJob Get (Not Create/Update)', 'eks', 'pass'],
      ['System controller creating CronJob in kube-system (excluded)', 'eks', 'pass'],
    ])
    expect((results[1] as { outputs?: Record<string, unknown> }).outputs?.title).toBe(
      'Kubernetes CronJob [production/nightly-job] modified by [admin@example.com]',
    )
  })

  it('excludes failed requests (HTTP >= 400, gRPC 1-16), the status subresource and system work in system namespaces', async () => {
    load ??= await loadPantherRules([rules], { cwd: root })
    const rule = load.rules.find((r) => r.id === 'Kubernetes.CronJob.CreatedOrModified')!
    const eks = (over: Record<string, unknown>) => ({
      p_log_type: 'Amazon.EKS.Audit',
      verb: 'patch',
      user: { username: 'dev@example.com' },
      objectRef: { resource: 'cronjobs', namespace: 'apps', name: 'job' },
      responseStatus: { code: 200 },
      ...over,
    })
    const gke = (status: unknown) => ({
      p_log_type: 'GCP.AuditLog',
      protoPayload: {
        serviceName: 'k8s.io',
        methodName: 'io.k8s.batch.v1.cronjobs.patch',
        resourceName: 'batch/v1/namespaces/apps/cronjobs/job',
        authenticationInfo: { principalEmail: 'dev@example.com' },
        ...(status === undefined ? {} : { status }),
      },
    })
    const match = async (record: unknown, variant: 'eks' | 'gke' = 'eks') => (await rule.evaluate(record, variant)).match
    expect(await match(eks({}))).toBe(true)
    expect(await match(eks({ responseStatus: { code: 409 } }))).toBe(false)
    expect(await match(eks({ responseStatus: { code: '403' } }))).toBe(true) // a string code is not an HTTP failure
    expect(await match(eks({ objectRef: { resource: 'cronjobs', namespace: 'apps', subresource: 'status' } }))).toBe(false)
    expect(await match(eks({ user: { username: 'system:kube-controller-manager' }, objectRef: { resource: 'cronjobs', namespace: 'kube-system' } }))).toBe(false)
    expect(await match(eks({ user: { username: 'system:kube-controller-manager' } }))).toBe(true) // system identity outside system namespaces
    expect(await match(eks({ user: { username: 'dev@example.com' }, objectRef: { resource: 'cronjobs', namespace: 'kube-system' } }))).toBe(true)
    expect(await match(gke(undefined), 'gke')).toBe(true)
    expect(await match(gke({}), 'gke')).toBe(true)
    expect(await match(gke({ code: 7, message: 'denied' }), 'gke')).toBe(false)
    expect(await match(gke({ code: 0 }), 'gke')).toBe(true)
  })

  it('keeps the seed YAML byte for byte', () => {
    const yaml = readFileSync(path.join(rules, 'kubernetes_rules/k8s_cronjob_created_or_modified.yml'), 'utf8')
    expect(yaml.startsWith('AnalysisType: rule\nRuleID: "Kubernetes.CronJob.CreatedOrModified"\n')).toBe(true)
    expect(yaml).toContain('  - Name: System controller creating CronJob in kube-system (excluded)\n')
  })
})
