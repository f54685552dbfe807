/**
 * SigmaHQ's azure/activitylogs Kubernetes rules assume Activity records for Kubernetes data
 * actions. Real Activity logs have none (logformats §4.2): on the default azure-activity variant
 * no action ever matches. With `assumeDataActions`, each rule about a data action matches the
 * assumed record of some action — so the assumed shape is what the rules expect — and the rule
 * about clusters being created or deleted (an ARM operation, not a data action) matches none.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { AuditEvent, ClusterContext } from '../../src/model/audit-event.js'
import { parseYamlDocuments } from '../../src/shared/yaml/index.js'
import { compileDetection } from '../../src/sigma/compile/index.js'
import { pipelineFor } from '../../src/sigma/pipeline/index.js'
import { variants } from '../../src/variants/index.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const folder = path.resolve(projectRoot, '../shared/corpus/sigmahq/rules/cloud/azure/activity_logs')

const RESOURCES: [string | undefined, string, string?][] = [
  ['batch', 'cronjobs'], ['batch', 'jobs'], [undefined, 'pods'], [undefined, 'secrets'], [undefined, 'configmaps'],
  [undefined, 'serviceaccounts'], [undefined, 'serviceaccounts', 'impersonate'], ['events.k8s.io', 'events'],
  ['rbac.authorization.k8s.io', 'roles'], ['rbac.authorization.k8s.io', 'clusterroles'], ['rbac.authorization.k8s.io', 'rolebindings'],
  ['rbac.authorization.k8s.io', 'clusterrolebindings'], ['rbac.authorization.k8s.io', 'roles', 'bind'], ['rbac.authorization.k8s.io', 'clusterroles', 'escalate'],
  ['networking.k8s.io', 'networkpolicies'], ['extensions', 'networkpolicies'],
  ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations'], ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'],
]

function actions(): AuditEvent[] {
  const out: AuditEvent[] = []
  for (const [apiGroup, resource, subresource] of RESOURCES) {
    for (const verb of ['create', 'update', 'delete', 'get']) {
      out.push({
        kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: '5a0c6e2f-8b1d-4d93-9e47-c3f1a8b2d605', stage: 'ResponseComplete',
        requestURI: '/', verb, user: { username: 'ops@contoso.example' }, sourceIPs: ['198.51.100.9'],
        objectRef: { resource, namespace: 'default', name: 'x', apiGroup, apiVersion: 'v1', subresource },
        responseStatus: { metadata: {}, code: 200 },
        requestReceivedTimestamp: '2026-03-14T02:17:43.512873Z', stageTimestamp: '2026-03-14T02:17:43.531406Z',
      })
    }
  }
  return out
}

const CONTEXTS: ClusterContext[] = [
  { provider: 'aks', clusterName: 'aks-1', subscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34', resourceGroup: 'rg', region: 'westeurope' },
  { provider: 'aks', clusterName: 'arc-1', subscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34', resourceGroup: 'rg', region: 'westeurope', azureResourceType: 'Microsoft.Kubernetes/connectedClusters' },
]

describe.skipIf(!existsSync(folder))('SigmaHQ azure/activitylogs Kubernetes rules and the azure-activity variant', () => {
  const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.startsWith('azure_kubernetes_')).sort() : []
  const pipeline = pipelineFor({ product: 'azure', service: 'activitylogs' }, 'azure-activity')!

  it('finds the rules', () => {
    expect(files.length).toBeGreaterThanOrEqual(10)
  })

  it.each(files)('%s', (file) => {
    const doc = parseYamlDocuments(readFileSync(path.join(folder, file), 'utf8'), file)[0]!.value as { detection: Record<string, unknown> }
    const rule = compileDetection(doc.detection, { accessor: (f) => pipeline.accessor(f) })
    let real = 0
    let assumed = 0
    for (const ctx of CONTEXTS) {
      for (const e of actions()) {
        const r = variants['azure-activity'].encode(e, ctx)
        if (r !== null && rule.match(r)) real++
        const a = variants['azure-activity'].encode(e, ctx, { assumeDataActions: true })
        if (a !== null && rule.match(a)) assumed++
      }
    }
    expect(real, 'real Activity logs hold no Kubernetes data actions').toBe(0)
    if (file === 'azure_kubernetes_cluster_created_or_deleted.yml') expect(assumed).toBe(0)
    else expect(assumed, 'the assumed record has the operation names the rule expects').toBeGreaterThan(0)
  })
})
