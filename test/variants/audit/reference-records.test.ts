/**
 * Audit of the codecs against the worked examples and field facts of logformats.md: §2.8 (EKS),
 * §3.3/§3.4/§3.5/§3.8 (AKS export record, AzureDiagnostics and AKSAudit rows), §4.4 (Azure
 * Activity), §5.8 (GKE), through `getVariant(id).encode/decode` and `pipelineFor` only.
 * The records below are the reference's invented examples (RFC 5737 IPs, made-up ids), with the
 * bodies trimmed.
 */
import { describe, expect, it } from 'vitest'
import type { AuditEvent, ClusterContext } from '../../../src/model/audit-event.js'
import { pipelineFor } from '../../../src/sigma/pipeline/index.js'
import { getVariant, toCloudWatchPayload, validateRecord } from '../../../src/variants/index.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- raw provider JSON

const K8S_AUDIT = { product: 'kubernetes', service: 'audit' }

/** §2.8: the Event inside the EKS CloudWatch message, keys in Go struct order. */
const eksEvent: AuditEvent = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: '9b1c4e2a-7d35-4f08-a6e1-3c52d8f0b7e4',
  stage: 'ResponseComplete',
  requestURI: '/apis/batch/v1/namespaces/default/cronjobs?fieldManager=kubectl-create&fieldValidation=Strict',
  verb: 'create',
  user: {
    username: 'arn:aws:sts::111122223333:assumed-role/platform-admin/jdoe',
    uid: 'aws-iam-authenticator:111122223333:AROAYZ3EXAMPLEQK7PD2M',
    groups: ['system:authenticated'],
    extra: {
      accessKeyId: ['ASIAYZ3EXAMPLE5TRW4N'],
      arn: ['arn:aws:sts::111122223333:assumed-role/platform-admin/jdoe'],
      canonicalArn: ['arn:aws:iam::111122223333:role/platform-admin'],
      principalId: ['AROAYZ3EXAMPLEQK7PD2M'],
      sessionName: ['jdoe'],
    },
  },
  sourceIPs: ['198.51.100.23'],
  userAgent: 'kubectl/v1.31.4 (darwin/arm64) kubernetes/a78aa47',
  objectRef: { resource: 'cronjobs', namespace: 'default', name: 'backup', apiGroup: 'batch', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 201 },
  requestObject: {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name: 'backup', namespace: 'default', creationTimestamp: null, labels: { 'app.kubernetes.io/name': 'pg-backup' } },
    spec: {
      schedule: '0 2 * * *',
      concurrencyPolicy: 'Forbid',
      suspend: false,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: {
          backoffLimit: 2,
          template: {
            metadata: { creationTimestamp: null },
            spec: {
              volumes: [{ name: 'backup-store', persistentVolumeClaim: { claimName: 'backup-pvc' } }],
              containers: [{ name: 'pg-dump', image: 'postgres:16.4-alpine', command: ['/bin/sh', '-c', 'pg_dump -h postgres.default.svc -U backup appdb | gzip > /backup/appdb.sql.gz'], resources: {}, volumeMounts: [{ name: 'backup-store', mountPath: '/backup' }], terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
              restartPolicy: 'OnFailure',
              terminationGracePeriodSeconds: 30,
              dnsPolicy: 'ClusterFirst',
              serviceAccountName: 'backup',
              serviceAccount: 'backup',
              securityContext: {},
              schedulerName: 'default-scheduler',
              enableServiceLinks: true,
            },
          },
        },
      },
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    },
    status: {},
  },
  responseObject: { kind: 'CronJob', apiVersion: 'batch/v1', metadata: { name: 'backup', namespace: 'default', uid: '6f0c2b9e-4a57-4e1c-9d3a-2b7f0e8c51a4', resourceVersion: '48213977', generation: 1, creationTimestamp: '2026-03-14T02:17:43Z' }, spec: { schedule: '0 2 * * *' }, status: {} },
  requestReceivedTimestamp: '2026-03-14T02:17:43.512873Z',
  stageTimestamp: '2026-03-14T02:17:43.531406Z',
  annotations: {
    'authorization.k8s.io/decision': 'allow',
    'authorization.k8s.io/reason': 'EKS Access Policy: allowed by ClusterRoleBinding "arn:aws:iam::111122223333:role/platform-admin+arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy" of ClusterRole "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy" to User "AROAYZ3EXAMPLEQK7PD2M"',
  },
}
const eksContext: ClusterContext = { provider: 'eks', clusterName: 'prod-eks-1', accountId: '111122223333', region: 'eu-west-1' }

/** §3.8: the same create on AKS by an Entra user. */
const aksEvent: AuditEvent = {
  ...eksEvent,
  auditID: '2d7e9f14-0b6c-4a3e-8d51-f7c2a9e4b083',
  user: { username: 'jdoe@contoso.example', groups: ['5f2d8c41-7b6e-4a09-9e3d-1c8b2a7f6e50', 'system:authenticated'], extra: { oid: ['c3a9e1f4-2b7d-4c58-8e06-9d1f4a2b7c35'] } },
  annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "platform-admins" of ClusterRole "cluster-admin" to Group "5f2d8c41-7b6e-4a09-9e3d-1c8b2a7f6e50"' },
}
const aksContext: ClusterContext = { provider: 'aks', clusterName: 'prod-aks-1', subscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34', resourceGroup: 'rg-prod-aks', region: 'westeurope' }
const ARM_ID = '/SUBSCRIPTIONS/7D1E4B2A-93C5-4F60-B8A7-2E6D0C9F1B34/RESOURCEGROUPS/RG-PROD-AKS/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-AKS-1'

/** §5.8: the same create on GKE by a Google account, authorized by IAM. */
const gkeEvent: AuditEvent = {
  ...eksEvent,
  auditID: '5c8e2a71-9d40-4b36-a1f7-0e3b6d9c2f84',
  user: { username: 'jdoe@acme.example' },
  annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'access granted by IAM permissions.' },
}
const gkeContext: ClusterContext = { provider: 'gke', clusterName: 'prod-gke-1', projectId: 'acme-prod', region: 'europe-west1' }

/** The Event with its struct fields and its maps (`user.extra`, `annotations`) in reverse order; bodies untouched. */
function shuffled(e: AuditEvent): AuditEvent {
  const rev = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(e).reverse()) {
    if (k === 'user') out[k] = rev({ ...e.user, ...(e.user.extra ? { extra: rev(e.user.extra) } : {}) })
    else if (k === 'objectRef' || k === 'responseStatus' || k === 'annotations') out[k] = rev(v as object)
    else out[k] = v
  }
  return out as unknown as AuditEvent
}

describe('k8s and eks: the Event as kube-apiserver serializes it (§0.1 #1, #4, #5, §1.1, §2.8)', () => {
  it('writes the same bytes as the reference message whatever the key order of the input: struct fields in Go order, map keys sorted', () => {
    for (const v of ['k8s', 'eks'] as const) {
      const raw = getVariant(v).encode(shuffled(eksEvent), eksContext) as Obj
      expect(Object.keys(raw)).toEqual(Object.keys(eksEvent))
      expect(Object.keys(raw.user)).toEqual(['username', 'uid', 'groups', 'extra'])
      expect(Object.keys(raw.objectRef)).toEqual(['resource', 'namespace', 'name', 'apiGroup', 'apiVersion'])
      expect(Object.keys(raw.responseStatus)).toEqual(['metadata', 'code'])
      expect(JSON.stringify(raw)).toBe(JSON.stringify(eksEvent))
      expect(validateRecord(v, raw)).toEqual([])
    }
  })

  it('timestamps: UTC, Z, exactly six fractional digits, trailing zeros kept', () => {
    const raw = getVariant('k8s').encode({ ...eksEvent, requestReceivedTimestamp: '2026-03-14T03:17:43.5+01:00', stageTimestamp: '2026-03-14T02:17:43.531406789Z' }, eksContext) as Obj
    expect(raw.requestReceivedTimestamp).toBe('2026-03-14T02:17:43.500000Z')
    expect(raw.stageTimestamp).toBe('2026-03-14T02:17:43.531406Z')
  })

  it('omits absent optionals instead of writing null', () => {
    const { sourceIPs: _s, userAgent: _u, requestObject: _q, responseObject: _r, annotations: _a, ...bare } = eksEvent
    const raw = getVariant('k8s').encode(bare as AuditEvent, eksContext) as Obj
    expect(Object.keys(raw)).toEqual(['kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'objectRef', 'responseStatus', 'requestReceivedTimestamp', 'stageTimestamp'])
    expect(JSON.stringify(raw)).not.toContain('null,')
  })

  it('impersonatedUser sits between user and sourceIPs', () => {
    const raw = getVariant('k8s').encode({ ...eksEvent, impersonatedUser: { username: 'system:serviceaccount:kube-system:default' } }, eksContext) as Obj
    const keys = Object.keys(raw)
    expect(keys.slice(keys.indexOf('user'), keys.indexOf('user') + 3)).toEqual(['user', 'impersonatedUser', 'sourceIPs'])
  })

  it('eks keeps the IAM identity: aws-iam-authenticator uid, extra arrays of one string; decode gives the account back (§2.4)', () => {
    const raw = getVariant('eks').encode(eksEvent, eksContext) as Obj
    expect(raw.user).toEqual(eksEvent.user)
    const { event, context } = getVariant('eks').decode(raw)
    expect(event).toEqual(eksEvent)
    expect(context.accountId).toBe('111122223333')
  })

  it('the CloudWatch subscription payload: one compact Event per log event message, epoch-ms timestamp, 56-digit id (§2.2)', () => {
    const raw = getVariant('eks').encode(eksEvent, eksContext) as Obj
    const payload = toCloudWatchPayload([raw, raw], eksContext)
    expect(payload).toMatchObject({ messageType: 'DATA_MESSAGE', owner: '111122223333', logGroup: '/aws/eks/prod-eks-1/cluster', subscriptionFilters: [expect.any(String)] })
    expect(payload.logStream).toMatch(/^kube-apiserver-audit-[0-9a-f]{32}$/)
    expect(payload.logEvents).toHaveLength(2)
    for (const le of payload.logEvents) {
      expect(le.id).toMatch(/^\d{56}$/)
      expect(le.timestamp).toBe(Date.UTC(2026, 2, 14, 2, 17, 43, 531))
      expect(le.message).toBe(JSON.stringify(eksEvent))
      expect(le.message.endsWith('\n')).toBe(false)
    }
  })
})

describe('aks: the export record, AzureDiagnostics and AKSAudit rows (§0.1 #8, §3.3–§3.5, §3.8)', () => {
  const record = getVariant('aks').encode(aksEvent, aksContext) as Obj

  it('export record: constant operationName, upper-case resourceId, serviceBuild na, 9-digit time just after stageTimestamp, properties.log = the Event JSON + \\n', () => {
    expect(Object.keys(record)).toEqual(['category', 'operationName', 'properties', 'resourceId', 'serviceBuild', 'time'])
    expect(record).toMatchObject({ category: 'kube-audit', operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read', resourceId: ARM_ID, serviceBuild: 'na' })
    expect(record.properties.log).toBe(`${JSON.stringify(aksEvent)}\n`)
    expect(record.properties.pod).toMatch(/^kube-apiserver-[a-z0-9]+-[a-z0-9]{5}$/)
    expect(record.properties).toMatchObject({ stream: 'stdout', containerID: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(record.time).toMatch(/^2026-03-14T02:17:43\.531\d{6}Z$/)
    expect(record.time > '2026-03-14T02:17:43.531406Z').toBe(true)
    expect(validateRecord('aks', record)).toEqual([])
  })

  it('kube-audit-admin: the same write under its own category; get and list not recorded at all (§3.1)', () => {
    const admin = getVariant('aks').encode(aksEvent, aksContext, { aksCategory: 'kube-audit-admin' }) as Obj
    expect(admin.category).toBe('kube-audit-admin')
    expect(admin.properties.log).toBe(record.properties.log)
    for (const verb of ['get', 'list']) {
      const read: AuditEvent = { ...aksEvent, verb, level: 'Request', requestObject: undefined, responseObject: undefined, responseStatus: { metadata: {}, code: 200 } }
      expect(getVariant('aks').encode(read, aksContext, { aksCategory: 'kube-audit-admin' })).toBeNull()
      expect(getVariant('aks').encode(read, aksContext)).not.toBeNull()
    }
    for (const verb of ['create', 'update', 'patch', 'delete']) expect(getVariant('aks').encode({ ...aksEvent, verb }, aksContext, { aksCategory: 'kube-audit-admin' })).not.toBeNull()
  })

  it('decodes the export record, an Event Hub batch, the AzureDiagnostics row and the AKSAudit row to the same Event', () => {
    const diagnostics = {
      TenantId: '0a6f3c2e-51b8-4d7a-9c4e-8f2b1d6a3e97', TimeGenerated: '2026-03-14T02:17:43.5316892Z', ResourceId: ARM_ID, Category: 'kube-audit', ResourceGroup: 'RG-PROD-AKS',
      SubscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34', ResourceProvider: 'MICROSOFT.CONTAINERSERVICE', Resource: 'PROD-AKS-1', ResourceType: 'MANAGEDCLUSTERS',
      OperationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read', log_s: `${JSON.stringify(aksEvent)}\n`, pod_s: 'kube-apiserver-6c9f7d8b5d-x2kqp',
      stream_s: 'stdout', containerID_s: '8e4b1f0c9a2d7e63b5f41c08d9a7e2b6c3f5d1a0e9b8c7d6f5a4b3c2d1e0f9a8', SourceSystem: 'Azure', Type: 'AzureDiagnostics',
      _ResourceId: '/subscriptions/7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34/resourcegroups/rg-prod-aks/providers/microsoft.containerservice/managedclusters/prod-aks-1',
    }
    const aksAudit = {
      TenantId: '0a6f3c2e-51b8-4d7a-9c4e-8f2b1d6a3e97', TimeGenerated: '2026-03-14T02:17:43.5316892Z', Level: aksEvent.level, AuditId: aksEvent.auditID, Stage: aksEvent.stage,
      RequestUri: aksEvent.requestURI, Verb: aksEvent.verb, User: aksEvent.user, SourceIps: aksEvent.sourceIPs, UserAgent: aksEvent.userAgent, ObjectRef: aksEvent.objectRef,
      ResponseStatus: aksEvent.responseStatus, RequestObject: aksEvent.requestObject, ResponseObject: aksEvent.responseObject, RequestReceivedTime: aksEvent.requestReceivedTimestamp,
      StageReceivedTime: aksEvent.stageTimestamp, Annotations: aksEvent.annotations, PodName: 'kube-apiserver-6c9f7d8b5d-x2kqp', SourceSystem: 'Azure', Type: 'AKSAudit',
      _ResourceId: diagnostics._ResourceId, _SubscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34',
    }
    for (const raw of [record, { records: [record] }, diagnostics, aksAudit, { ...aksAudit, Type: 'AKSAuditAdmin' }]) {
      const { event, context } = getVariant('aks').decode(raw)
      expect(event).toEqual(aksEvent)
      expect(context).toMatchObject({ provider: 'aks', clusterName: 'prod-aks-1', subscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34', resourceGroup: 'rg-prod-aks' })
    }
  })

  it('keeps "skipped-too-big-size-object" bodies as that string (§1.8)', () => {
    const big = { ...record, properties: { ...record.properties, log: record.properties.log.replace(/"requestObject":\{.*\},"responseObject"/, '"requestObject":"skipped-too-big-size-object","responseObject"') } }
    expect(getVariant('aks').decode(big).event.requestObject).toBe('skipped-too-big-size-object')
  })

  it('Sigma kubernetes/audit fields read the Event inside properties.log', () => {
    const p = pipelineFor(K8S_AUDIT, 'aks')!
    expect(p.accessor('verb')!(record)).toBe('create')
    expect(p.accessor('objectRef.resource')!(record)).toBe('cronjobs')
    expect(p.accessor('user.extra.oid')!(record)).toEqual(['c3a9e1f4-2b7d-4c58-8e06-9d1f4a2b7c35'])
    expect(p.accessor('requestObject.spec.schedule')!(record)).toBe('0 2 * * *')
    expect(p.accessor('stage')!(record)).toBe('ResponseComplete')
  })
})

describe('gke: the Cloud Audit Logs LogEntry (§0.1 #10, §5, §5.8)', () => {
  const entry = getVariant('gke').encode(gkeEvent, gkeContext) as Obj
  const pp = entry.protoPayload

  it('matches the §5.8 example field for field', () => {
    expect(pp).toMatchObject({
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      authenticationInfo: { principalEmail: 'jdoe@acme.example' },
      authorizationInfo: [{ granted: true, permission: 'io.k8s.batch.v1.cronjobs.create', resource: 'batch/v1/namespaces/default/cronjobs/backup' }],
      methodName: 'io.k8s.batch.v1.cronjobs.create',
      requestMetadata: { callerIp: '198.51.100.23', callerSuppliedUserAgent: 'kubectl/v1.31.4 (darwin/arm64) kubernetes/a78aa47' },
      resourceName: 'batch/v1/namespaces/default/cronjobs/backup',
      serviceName: 'k8s.io',
      status: {},
    })
    expect(entry).toMatchObject({
      insertId: '5c8e2a71-9d40-4b36-a1f7-0e3b6d9c2f84',
      resource: { type: 'k8s_cluster', labels: { project_id: 'acme-prod', location: 'europe-west1', cluster_name: 'prod-gke-1' } },
      timestamp: '2026-03-14T02:17:43.531406Z',
      labels: gkeEvent.annotations,
      logName: 'projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity',
      operation: { id: '5c8e2a71-9d40-4b36-a1f7-0e3b6d9c2f84', producer: 'k8s.io', first: true, last: true },
    })
    expect(entry).not.toHaveProperty('severity')
    expect(entry.receiveTimestamp).toMatch(/^2026-03-14T02:17:\d\d\.\d{9}Z$/)
    expect(validateRecord('gke', entry)).toEqual([])
  })

  it('request/response: @type first, then keys sorted at every level, defaults kept (§0.1 #5, §5.3)', () => {
    expect(Object.keys(pp.request)).toEqual(['@type', 'apiVersion', 'kind', 'metadata', 'spec', 'status'])
    expect(pp.request['@type']).toBe('batch.k8s.io/v1.CronJob')
    expect(Object.keys(pp.request.metadata)).toEqual(['creationTimestamp', 'labels', 'name', 'namespace'])
    expect(pp.request.metadata.creationTimestamp).toBeNull()
    const podSpec = pp.request.spec.jobTemplate.spec.template.spec
    expect(Object.keys(podSpec)).toEqual([...Object.keys(podSpec)].sort())
    expect(Object.keys(podSpec.containers[0])).toEqual(['command', 'image', 'imagePullPolicy', 'name', 'resources', 'terminationMessagePath', 'terminationMessagePolicy', 'volumeMounts'])
    expect(pp.request.status).toEqual({})
    expect(pp.response['@type']).toBe('batch.k8s.io/v1.CronJob')
  })

  it('decodes back to the Event minus what GKE loses (groups, uid, extra, query string, stage and level inferred)', () => {
    const { event } = getVariant('gke').decode(entry)
    expect(event).toMatchObject({ auditID: gkeEvent.auditID, verb: 'create', stage: 'ResponseComplete', level: 'RequestResponse', user: { username: 'jdoe@acme.example' }, sourceIPs: ['198.51.100.23'], objectRef: gkeEvent.objectRef, responseStatus: { code: 201 }, stageTimestamp: gkeEvent.stageTimestamp, annotations: gkeEvent.annotations })
    expect(event.requestObject).toEqual(gkeEvent.requestObject)
    // A create POSTs to the collection: the rebuilt path has no name (§1.7), on the decoded event and through the pipeline.
    expect(event.requestURI).toBe('/apis/batch/v1/namespaces/default/cronjobs')
    expect(pipelineFor(K8S_AUDIT, 'gke')!.accessor('requestURI')!(entry)).toBe('/apis/batch/v1/namespaces/default/cronjobs')
    // A portable rule sees the HTTP-equivalent code on success too (GKE writes status {}).
    expect(pipelineFor(K8S_AUDIT, 'gke')!.accessor('responseStatus.code')!(entry)).toBe(201)
    expect(pipelineFor(K8S_AUDIT, 'gke')!.accessor('objectRef.name')!(entry)).toBe('backup')
    expect(pipelineFor(K8S_AUDIT, 'gke')!.accessor('user.username')!(entry)).toBe('jdoe@acme.example')
    const del = getVariant('gke').encode({ ...gkeEvent, verb: 'delete', requestObject: undefined, responseObject: undefined, responseStatus: { metadata: {}, code: 200 } }, gkeContext)
    expect(getVariant('gke').decode(del).event.requestURI).toBe('/apis/batch/v1/namespaces/default/cronjobs/backup')
  })

  it.each([
    [{ resource: 'pods', namespace: 'default', name: 'nginx', apiVersion: 'v1' }, 'get', 'io.k8s.core.v1.pods.get', 'core/v1/namespaces/default/pods/nginx', 'data_access'],
    [{ resource: 'pods', namespace: 'default', apiVersion: 'v1' }, 'create', 'io.k8s.core.v1.pods.create', 'core/v1/namespaces/default/pods', 'activity'],
    [{ resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1', subresource: 'exec' }, 'create', 'io.k8s.core.v1.pods.exec.create', 'core/v1/namespaces/default/pods/web/exec', 'activity'],
    [{ resource: 'cronjobs', namespace: 'default', name: 'backup', apiGroup: 'batch', apiVersion: 'v1', subresource: 'status' }, 'update', 'io.k8s.batch.v1.cronjobs.status.update', 'batch/v1/namespaces/default/cronjobs/backup/status', 'data_access'],
    [{ resource: 'cronjobs', namespace: 'default', apiGroup: 'batch', apiVersion: 'v1' }, 'list', 'io.k8s.batch.v1.cronjobs.list', 'batch/v1/namespaces/default/cronjobs', 'data_access'],
    [{ resource: 'cronjobs', namespace: 'default', name: 'backup', apiGroup: 'batch', apiVersion: 'v1' }, 'patch', 'io.k8s.batch.v1.cronjobs.patch', 'batch/v1/namespaces/default/cronjobs/backup', 'activity'],
    [{ resource: 'cronjobs', namespace: 'default', name: 'backup', apiGroup: 'batch', apiVersion: 'v1' }, 'delete', 'io.k8s.batch.v1.cronjobs.delete', 'batch/v1/namespaces/default/cronjobs/backup', 'activity'],
    [{ resource: 'leases', namespace: 'kube-system', name: 'kube-scheduler', apiGroup: 'coordination.k8s.io', apiVersion: 'v1' }, 'update', 'io.k8s.coordination.v1.leases.update', 'coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler', 'activity'],
    [{ resource: 'clusterrolebindings', name: 'evil', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' }, 'create', 'io.k8s.authorization.rbac.v1.clusterrolebindings.create', 'rbac.authorization.k8s.io/v1/clusterrolebindings/evil', 'activity'],
    [{ resource: 'deployments', namespace: 'web', name: 'api', apiGroup: 'apps', apiVersion: 'v1' }, 'update', 'io.k8s.apps.v1.deployments.update', 'apps/v1/namespaces/web/deployments/api', 'activity'],
  ] as const)('%o %s → %s on %s (%s)', (objectRef, verb, method, resourceName, log) => {
    const stage = objectRef.resource === 'pods' && 'subresource' in objectRef ? 'ResponseStarted' : 'ResponseComplete'
    const read = verb === 'get' || verb === 'list'
    const e: AuditEvent = { ...gkeEvent, verb, stage, objectRef: { ...objectRef }, level: read ? 'Request' : 'RequestResponse', requestObject: undefined, responseObject: undefined, responseStatus: { metadata: {}, code: verb === 'create' ? 201 : 200 } }
    const r = getVariant('gke').encode(e, gkeContext) as Obj
    expect(r.protoPayload.methodName).toBe(method)
    expect(r.protoPayload.resourceName).toBe(resourceName)
    expect(r.protoPayload.authorizationInfo[0]).toMatchObject({ permission: method, resource: resourceName })
    expect(r.logName).toBe(`projects/acme-prod/logs/cloudaudit.googleapis.com%2F${log}`)
    const p = pipelineFor(K8S_AUDIT, 'gke')!
    expect(p.accessor('verb')!(r)).toBe(verb)
    expect(p.accessor('objectRef.resource')!(r)).toBe(objectRef.resource)
    expect(p.accessor('objectRef.subresource')!(r)).toBe('subresource' in objectRef ? objectRef.subresource : undefined)
  })

  it('a create names the object from the body; a generateName create ends at the resource (§5.3)', () => {
    const gen: AuditEvent = { ...gkeEvent, requestURI: '/api/v1/namespaces/default/pods', objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' }, requestObject: { kind: 'Pod', apiVersion: 'v1', metadata: { generateName: 'backup-29557560-', namespace: 'default', creationTimestamp: null }, spec: { containers: [] }, status: {} }, responseObject: undefined }
    const r = getVariant('gke').encode(gen, gkeContext) as Obj
    expect(r.protoPayload.resourceName).toBe('core/v1/namespaces/default/pods')
    expect(r.protoPayload.request['@type']).toBe('core.k8s.io/v1.Pod')
  })

  it('RBAC denial: gRPC 7 with the message, granted absent, Status response; the pipeline reads HTTP 403 (§5.4)', () => {
    const denied: AuditEvent = {
      ...gkeEvent, requestObject: undefined,
      responseStatus: { metadata: {}, status: 'Failure', message: 'cronjobs.batch is forbidden: User "jdoe@acme.example" cannot create resource "cronjobs" in API group "batch" in the namespace "default"', reason: 'Forbidden', details: { group: 'batch', kind: 'cronjobs' }, code: 403 },
      responseObject: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'forbidden', reason: 'Forbidden', details: { group: 'batch', kind: 'cronjobs' }, code: 403 },
      annotations: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' },
    }
    const r = getVariant('gke').encode(denied, gkeContext) as Obj
    expect(r.protoPayload.status).toEqual({ code: 7, message: denied.responseStatus!.message })
    expect(r.protoPayload.authorizationInfo).toEqual([{ permission: 'io.k8s.batch.v1.cronjobs.create', resource: 'batch/v1/namespaces/default/cronjobs/backup' }])
    expect(r.protoPayload.response).toMatchObject({ '@type': 'core.k8s.io/v1.Status', code: 403, reason: 'Forbidden', status: 'Failure' })
    expect(r.protoPayload).not.toHaveProperty('request')
    expect(r).not.toHaveProperty('severity')
    const p = pipelineFor(K8S_AUDIT, 'gke')!
    expect(p.accessor('responseStatus.code')!(r)).toBe(403)
    expect(getVariant('gke').decode(r).event.responseStatus?.code).toBe(403)
  })

  it('admission denial: also gRPC 7, decision allow in labels, request present (§5.4)', () => {
    const denied: AuditEvent = { ...gkeEvent, responseStatus: { metadata: {}, status: 'Failure', message: 'cronjobs.batch "backup" is forbidden: violates PodSecurity "baseline:latest": privileged', reason: 'Forbidden', code: 403 }, responseObject: undefined }
    const r = getVariant('gke').encode(denied, gkeContext) as Obj
    expect(r.protoPayload.status.code).toBe(7)
    expect(r.labels['authorization.k8s.io/decision']).toBe('allow')
    expect(r.protoPayload.request).toBeDefined()
    expect(r.protoPayload.authorizationInfo[0]).not.toHaveProperty('granted')
  })

  it('unauthenticated (user {}): gRPC 16, no principal (§1.10, §5.4)', () => {
    // As WithFailedAuthenticationAudit writes it: ResponseStarted, the attempted methods as the message.
    const unauth: AuditEvent = { ...gkeEvent, stage: 'ResponseStarted', user: {}, requestObject: undefined, responseObject: undefined, responseStatus: { metadata: {}, message: 'Authentication failed, attempted: bearer', code: 401 }, annotations: undefined }
    const r = getVariant('gke').encode(unauth, gkeContext) as Obj
    expect(r.protoPayload.status.code).toBe(16)
    expect(r.protoPayload.authenticationInfo?.principalEmail).toBeUndefined()
    expect(validateRecord('gke', r)).toEqual([])
    expect(getVariant('gke').decode(r).event.user).toEqual({})
  })

  it('non-resource requests and RequestReceived stages write no entry', () => {
    expect(getVariant('gke').encode({ ...gkeEvent, stage: 'RequestReceived' }, gkeContext)).toBeNull()
    expect(getVariant('gke').encode({ ...gkeEvent, objectRef: undefined, requestURI: '/healthz', verb: 'get' }, gkeContext)).toBeNull()
  })

  it('decodes Panther-normalised entries: at_sign_type, callerIP, space-separated timestamps (§5.7)', () => {
    const { '@type': type, requestMetadata: _m, request: _q, response: _r, ...rest } = pp
    const panther = { ...entry, timestamp: '2026-03-14 02:17:43.531406', receiveTimestamp: '2026-03-14 02:17:45.118204391', protoPayload: { ...rest, at_sign_type: type, requestMetadata: { callerIP: '203.0.113.9', callerSuppliedUserAgent: 'kubectl' } }, p_log_type: 'GCP.AuditLog' }
    const { event } = getVariant('gke').decode(panther)
    expect(event).toMatchObject({ verb: 'create', sourceIPs: ['203.0.113.9'], stageTimestamp: '2026-03-14T02:17:43.531406Z', user: { username: 'jdoe@acme.example' } })
  })
})

describe('azure-activity: no record of Kubernetes API calls unless assumed (§0.1 #9, §4)', () => {
  const activity = getVariant('azure-activity')

  it('writes nothing for any Kubernetes verb by default', () => {
    for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']) expect(activity.encode({ ...aksEvent, verb }, aksContext)).toBeNull()
  })

  it('assumeDataActions writes the §4.4 shape, labelled as assumed', () => {
    const r = activity.encode(aksEvent, aksContext, { assumeDataActions: true }) as Obj
    expect(r).toMatchObject({
      operationName: 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE',
      category: 'Administrative',
      resultType: 'Success',
      durationMs: 0,
      callerIpAddress: '198.51.100.23',
      correlationId: aksEvent.auditID,
      identity: { claims: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'jdoe@contoso.example', 'http://schemas.microsoft.com/identity/claims/objectidentifier': 'c3a9e1f4-2b7d-4c58-8e06-9d1f4a2b7c35' } },
      properties: { ruleproof: { assumed: true } },
    })
    expect(r.time).toMatch(/^2026-03-14T02:17:43\.\d{7}Z$/)
    expect(r.resourceId.toUpperCase().startsWith(ARM_ID)).toBe(true)
    expect(validateRecord('azure-activity', r)).toEqual([])
    const back = activity.decode(r).event
    expect(back).toMatchObject({ auditID: aksEvent.auditID, user: { username: 'jdoe@contoso.example' }, objectRef: { resource: 'cronjobs', apiGroup: 'batch', name: 'backup' } })
  })

  it('the Sigma azure/activitylogs view reads operationName from the assumed record', () => {
    const r = activity.encode(aksEvent, aksContext, { assumeDataActions: true }) as Obj
    const p = pipelineFor({ product: 'azure', service: 'activitylogs' }, 'azure-activity')!
    expect(p.accessor('operationName')!(r)).toBe('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE')
  })
})
