import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AuditEvent, ClusterContext } from '../../src/model/audit-event.js'
import { compileDetection } from '../../src/sigma/compile/index.js'
import { claimedVariants, parsePipelineDocument, PipelineError, pipelineFor, shippedPipelines } from '../../src/sigma/pipeline/index.js'
import { variants } from '../../src/variants/index.js'
import { VIA_ANNOTATION } from '../../src/variants/shared/event.js'
import { arbAuditEvent, arbClusterContext } from './arbitrary.js'
import { cronjobCreate, gkeContext } from './examples.js'

const K8S_AUDIT = { product: 'kubernetes', service: 'audit' }

describe('claimedVariants', () => {
  it.each([
    [K8S_AUDIT, ['k8s', 'eks', 'aks', 'gke']],
    [{ ...K8S_AUDIT, category: 'application' }, ['k8s', 'eks', 'aks', 'gke']],
    [{ product: 'Kubernetes', service: 'Audit' }, ['k8s', 'eks', 'aks', 'gke']],
    [{ product: 'azure', service: 'activitylogs' }, ['azure-activity']],
    [{ product: 'gcp', service: 'gcp.audit' }, ['gke']],
    [{ product: 'kubernetes' }, []],
    [{ product: 'windows', category: 'process_creation' }, []],
  ])('%o → %o', (logsource, expected) => {
    expect(claimedVariants(logsource)).toEqual(expected)
  })
})

describe('pipelineFor', () => {
  it('is undefined where the rule claims no variant', () => {
    expect(pipelineFor({ product: 'azure', service: 'activitylogs' }, 'gke')).toBeUndefined()
    expect(pipelineFor(K8S_AUDIT, 'azure-activity')).toBeUndefined()
  })

  it('reports fields GKE cannot provide, naming the pipeline item', () => {
    const p = pipelineFor(K8S_AUDIT, 'gke')!
    expect(p.accessor('stage')).toBeUndefined()
    expect(p.unsupported('stage')).toMatch(/GKE writes one LogEntry per request and no stage.*gke-kubernetes-audit.*no-stage/)
    for (const f of ['level', 'user.groups', 'user.extra.arn', 'impersonatedUser.username', 'objectRef.uid', 'requestReceivedTimestamp']) {
      expect(p.unsupported(f), f).toBeDefined()
    }
    expect(p.unsupported('verb')).toBeUndefined()
    expect(p.approximate('requestURI')).toMatch(/query string/)
  })

  it('reads every field on k8s, eks and aks', () => {
    for (const v of ['k8s', 'eks', 'aks'] as const) {
      const p = pipelineFor(K8S_AUDIT, v)!
      for (const f of ['stage', 'level', 'user.groups', 'impersonatedUser.username', 'objectRef.uid']) expect(p.unsupported(f), `${v} ${f}`).toBeUndefined()
    }
  })

  it('derives GKE fields from methodName, resourceName, the gRPC status and requestMetadata', () => {
    const denied: AuditEvent = { ...cronjobCreate, responseStatus: { metadata: {}, status: 'Failure', reason: 'Forbidden', message: 'forbidden', code: 403 }, requestObject: undefined, responseObject: undefined }
    const record = variants.gke.encode(denied, gkeContext)!
    const p = pipelineFor(K8S_AUDIT, 'gke')!
    const read = (f: string) => p.accessor(f)!(record)
    expect(read('verb')).toBe('create')
    expect(read('objectRef.resource')).toBe('cronjobs')
    expect(read('objectRef.namespace')).toBe('default')
    expect(read('objectRef.name')).toBe('backup')
    expect(read('objectRef.apiGroup')).toBe('batch')
    expect(read('apiGroup')).toBe('batch')
    expect(read('responseStatus.code')).toBe(403)
    expect((record as { protoPayload: { status: { code: number } } }).protoPayload.status.code).toBe(7)
    expect(read('user.username')).toBe('jdoe@contoso.example')
    expect(read('sourceIPs')).toEqual(['198.51.100.23'])
    expect(read('requestURI')).toBe('/apis/batch/v1/namespaces/default/cronjobs') // a create POSTs to the collection (§1.7)
  })

  it('reads AKS fields from the parsed properties.log, and searches keywords inside it', () => {
    const record = variants.aks.encode(cronjobCreate, { provider: 'aks', clusterName: 'prod-aks-1' })!
    const p = pipelineFor(K8S_AUDIT, 'aks')!
    expect(p.accessor('verb')!(record)).toBe('create')
    expect(p.accessor('requestObject.spec.schedule')!(record)).toBe('0 2 * * *')
    expect(p.accessor('category')!(record)).toBe('kube-audit')
    expect([...p.keywords!(record)]).toContain('0 2 * * *')
    expect([...p.keywords!(record)]).toContain('kube-audit')
  })

  it('maps SigmaHQ shorthand fields (hostPath, capabilities, apiGroup) into the event', () => {
    const pod: AuditEvent = {
      ...cronjobCreate,
      objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
      requestObject: { kind: 'Pod', apiVersion: 'v1', spec: { volumes: [{ name: 'etc', hostPath: { path: '/etc', type: '' } }], containers: [{ name: 'x', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }] } },
    }
    for (const v of ['k8s', 'aks', 'gke'] as const) {
      const record = variants[v].encode(pod, gkeContext)!
      const p = pipelineFor(K8S_AUDIT, v)!
      expect(p.accessor('hostPath')!(record), v).toEqual({ path: '/etc', type: '' })
      expect(p.accessor('capabilities')!(record), v).toEqual({ add: ['SYS_ADMIN'] })
    }
  })

  it('serves gcp.audit rules on GKE: ECS names and the {data: LogEntry} wrapper', () => {
    const record = variants.gke.encode(cronjobCreate, gkeContext)!
    const p = pipelineFor({ product: 'gcp', service: 'gcp.audit' }, 'gke')!
    expect(p.accessor('gcp.audit.method_name')!(record)).toBe('io.k8s.batch.v1.cronjobs.create')
    expect(p.accessor('data.protoPayload.methodName')!(record)).toBe('io.k8s.batch.v1.cronjobs.create')
    expect(p.accessor('data.protoPayload.resource.type')!(record)).toBe('k8s_cluster')
    expect(p.accessor('data.protoPayload.logName')!(record)).toContain('cloudaudit.googleapis.com/activity')
    expect(p.accessor('data.protoPayload.logName')!(record)).toContain('cloudaudit.googleapis.com%2Factivity')
    expect(p.accessor('data.protoPayload.authorizationInfo.granted')!(record)).toBe(true)
  })

  it('serves azure/activitylogs rules on the assumed Activity record', () => {
    const record = variants['azure-activity'].encode(cronjobCreate, { provider: 'aks', clusterName: 'prod-aks-1' }, { assumeDataActions: true })!
    const p = pipelineFor({ product: 'azure', service: 'activitylogs' }, 'azure-activity')!
    expect(p.accessor('operationName')!(record)).toBe('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE')
    expect(p.accessor('ResourceProviderValue')!(record)).toBe('MICROSOFT.CONTAINERSERVICE')
    const rule = compileDetection(
      {
        selection: {
          'operationName|startswith': ['MICROSOFT.KUBERNETES/CONNECTEDCLUSTERS/BATCH', 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH'],
          'operationName|endswith': ['/CRONJOBS/WRITE', '/JOBS/WRITE'],
        },
        condition: 'selection',
      },
      { accessor: (f) => p.accessor(f) },
    )
    expect(rule.match(record)).toBe(true)
  })

  it('applies user overrides field by field, and rejects bad ones with a path', () => {
    const p = pipelineFor(K8S_AUDIT, 'gke', {
      name: 'my-gke',
      variant: 'gke',
      logsources: [K8S_AUDIT],
      items: [{ id: 'assume-stage', type: 'constant', fields: ['stage'], value: 'ResponseComplete' }],
    })!
    expect(p.accessor('stage')!({})).toBe('ResponseComplete')
    expect(p.unsupported('level')).toBeDefined()
    expect(() => pipelineFor(K8S_AUDIT, 'gke', { name: 'bad', variant: 'gke', logsources: [K8S_AUDIT], items: [{ id: 'x', type: 'nope', fields: ['a'] }] } as never)).toThrow(PipelineError)
    expect(() => parsePipelineDocument({ name: 'bad', variant: 'gke', logsources: [K8S_AUDIT], items: [{ id: 'x', type: 'path', fields: ['a'] }] }, 'config.yml')).toThrow(/config.yml: \/items\/0: must have required property 'to'/)
  })

  it('ships only documents that pass their own schema', () => {
    for (const d of shippedPipelines) expect(() => parsePipelineDocument(d, d.name)).not.toThrow()
  })
})

/** The event as every managed provider would log the same action: one caller IP, conventional codes. */
function portable(e: AuditEvent): AuditEvent {
  const code = e.responseStatus?.code ?? 200
  const fixed = code < 400 ? (e.verb === 'create' ? 201 : 200) : [401, 403, 404, 500].includes(code) ? code : 403
  const out: AuditEvent = { ...e, stage: 'ResponseComplete', sourceIPs: e.sourceIPs?.slice(-1) }
  out.responseStatus = fixed < 400 ? { metadata: {}, code: fixed } : { ...e.responseStatus, code: fixed }
  if (out.objectRef?.subresource && ['exec', 'attach', 'portforward'].includes(out.objectRef.subresource)) out.stage = 'ResponseStarted'
  if (fixed >= 400 && out.responseObject?.kind === 'Status') out.responseObject = { ...out.responseObject, code: fixed }
  if (Array.isArray(out.requestObject)) delete out.requestObject
  return out
}

const PORTABLE_FIELDS = [
  'verb', 'auditID', 'user.username', 'sourceIPs', 'userAgent', 'stageTimestamp',
  'objectRef.resource', 'objectRef.namespace', 'objectRef.name', 'objectRef.apiGroup', 'objectRef.apiVersion', 'objectRef.subresource',
  'responseStatus.code', 'requestObject.metadata', 'requestObject.spec', 'responseObject.spec', 'responseObject.kind',
  'annotations.authorization.k8s.io/decision', 'annotations.authorization.k8s.io/reason', 'apiGroup',
]

describe('portable fields read the same on k8s, eks, aks and gke', () => {
  it('for every action', () => {
    fc.assert(
      fc.property(arbAuditEvent.map(portable), arbClusterContext, (e: AuditEvent, c: ClusterContext) => {
        if (e.objectRef?.resource === 'namespaces') delete e.objectRef.namespace
        const records = (['k8s', 'eks', 'aks', 'gke'] as const).map((v) => [v, variants[v].encode(e, c)] as const)
        for (const field of PORTABLE_FIELDS) {
          const expected = pipelineFor(K8S_AUDIT, 'k8s')!.accessor(field)!(records[0]![1])
          for (const [v, record] of records) {
            expect(record, v).not.toBeNull()
            const got = pipelineFor(K8S_AUDIT, v)!.accessor(field)!(record)
            expect(got, `${field} on ${v}`).toEqual(expected)
          }
        }
        const via = pipelineFor(K8S_AUDIT, 'gke')!.accessor(`annotations.${VIA_ANNOTATION}`)!(records[3]![1])
        expect(via).toBeUndefined()
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('so the SigmaHQ CronJob rule gives the same verdict everywhere', () => {
    const detection = {
      selection: { 'objectRef.apiGroup': 'batch', 'objectRef.resource': ['cronjobs', 'jobs'], verb: ['create', 'delete', 'patch', 'replace', 'update'] },
      condition: 'selection',
    }
    fc.assert(
      fc.property(arbAuditEvent.map(portable), arbClusterContext, (e, c) => {
        const verdicts = (['k8s', 'eks', 'aks', 'gke'] as const).map((v) => {
          const p = pipelineFor(K8S_AUDIT, v)!
          return compileDetection(detection, { accessor: (f) => p.accessor(f) }).match(variants[v].encode(e, c))
        })
        expect(new Set(verdicts).size).toBe(1)
      }),
      { numRuns: 200, seed: 11 },
    )
  })
})
