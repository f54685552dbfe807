/** The provider facts each codec must get exactly right (logformats §1–§5, §7 checklist). */
import { describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../src/model/audit-event.js'
import { detectVariant, variants, VIA_ANNOTATION, VIA_COMMAND_INVOKE } from '../../src/variants/index.js'
import { toCloudWatchPayload } from '../../src/variants/eks/cloudwatch.js'
import { grpcFromHttp, httpFromGrpc } from '../../src/variants/gke/status.js'
import { gkeMethodName, gkeResourceName } from '../../src/variants/shared/k8s-api.js'
import { toMicroTime } from '../../src/variants/shared/time.js'
import { validateRecord } from '../../src/variants/validate.js'
import { aksContext, cronjobCreate, eksContext, gkeContext } from './examples.js'

// any: these tests read raw provider JSON by known paths.
type Obj = Record<string, any>

const listCronJobs: AuditEvent = {
  ...cronjobCreate,
  level: 'Request',
  verb: 'list',
  requestURI: '/apis/batch/v1/namespaces/default/cronjobs?limit=500',
  objectRef: { resource: 'cronjobs', namespace: 'default', apiGroup: 'batch', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 200 },
  requestObject: undefined,
  responseObject: undefined,
}

describe('k8s / eks: the Event as kube-apiserver writes it', () => {
  it('keeps Go struct key order and MicroTime timestamps', () => {
    const r = variants.k8s.encode({ ...cronjobCreate, stageTimestamp: '2026-03-14T02:17:43.5314Z' }, eksContext) as Obj
    expect(Object.keys(r)).toEqual([
      'kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'sourceIPs', 'userAgent', 'objectRef',
      'responseStatus', 'requestObject', 'responseObject', 'requestReceivedTimestamp', 'stageTimestamp', 'annotations',
    ])
    expect(r.stageTimestamp).toBe('2026-03-14T02:17:43.531400Z')
    expect(Object.keys(r.objectRef)).toEqual(['resource', 'namespace', 'name', 'apiGroup', 'apiVersion'])
  })

  it('never writes the ruleproof marker annotation', () => {
    const marked = { ...cronjobCreate, annotations: { ...cronjobCreate.annotations, [VIA_ANNOTATION]: VIA_COMMAND_INVOKE } }
    for (const v of ['k8s', 'eks', 'aks', 'gke'] as const) expect(JSON.stringify(variants[v].encode(marked, gkeContext))).not.toContain('ruleproof.dev')
  })

  it('decodes Panther-normalised EKS logs: space-separated timestamps, p_* fields, cluster from p_source_label, account from the IAM uid', () => {
    const { event, context, defaulted } = variants.eks.decode({
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a1', stage: 'ResponseComplete', verb: 'get',
      requestURI: '/api/v1/namespaces/default/secrets/x', user: { username: 'kubernetes-admin', uid: 'aws-iam-authenticator:111122223333:AROAEXAMPLE' },
      requestReceivedTimestamp: '2022-11-29 00:09:04.38', stageTimestamp: '2022-11-29 00:09:04.381234567',
      p_log_type: 'Amazon.EKS.Audit', p_source_label: 'prod-eks-1',
    })
    expect(event.requestReceivedTimestamp).toBe('2022-11-29T00:09:04.380000Z')
    expect(event.stageTimestamp).toBe('2022-11-29T00:09:04.381234Z')
    expect(context).toEqual({ provider: 'eks', clusterName: 'prod-eks-1', accountId: '111122223333' })
    expect(defaulted).toEqual([])
    expect(event).not.toHaveProperty('p_log_type')
  })

  it("splits an objectRef.apiVersion of group/version (Panther's test logs) into apiGroup and apiVersion, as kube-apiserver writes them", () => {
    const base = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a1', stage: 'ResponseComplete', verb: 'create', requestURI: '/apis/batch/v1/namespaces/default/cronjobs', user: { username: 'kubernetes-admin' }, requestReceivedTimestamp: '2022-11-29T00:09:04.380000Z', stageTimestamp: '2022-11-29T00:09:04.380000Z' }
    const { event, defaulted } = variants.eks.decode({ ...base, objectRef: { resource: 'cronjobs', namespace: 'default', apiVersion: 'batch/v1' } })
    expect(event.objectRef).toEqual({ resource: 'cronjobs', namespace: 'default', apiGroup: 'batch', apiVersion: 'v1' })
    expect(Object.keys(event.objectRef!)).toEqual(['resource', 'namespace', 'apiGroup', 'apiVersion'])
    expect(defaulted).toContain('objectRef.apiGroup')
    // Replayed on GKE the method names the batch API, not a group called batch/v1.
    expect((variants.gke.encode(event, gkeContext) as Obj).protoPayload.methodName).toBe('io.k8s.batch.v1.cronjobs.create')
    // What kube-apiserver writes, and a core-group ref, stay as they are.
    expect(variants.k8s.decode({ ...base, objectRef: { resource: 'cronjobs', apiGroup: 'batch', apiVersion: 'v1' } }).event.objectRef).toEqual({ resource: 'cronjobs', apiGroup: 'batch', apiVersion: 'v1' })
    expect(variants.k8s.decode({ ...base, objectRef: { resource: 'pods', apiVersion: 'v1' } }).event.objectRef).toEqual({ resource: 'pods', apiVersion: 'v1' })
  })

  it('wraps records in the CloudWatch subscription payload and decodes one back', () => {
    const record = variants.eks.encode(cronjobCreate, eksContext) as Obj
    const payload = toCloudWatchPayload([record], eksContext)
    expect(payload).toMatchObject({ messageType: 'DATA_MESSAGE', owner: '111122223333', logGroup: '/aws/eks/prod-eks-1/cluster' })
    expect(payload.logStream).toMatch(/^kube-apiserver-audit-[0-9a-f]{32}$/)
    expect(payload.logEvents[0]!.id).toMatch(/^\d{56}$/)
    expect(payload.logEvents[0]!.timestamp).toBe(Date.parse('2026-03-14T02:17:43.531Z'))
    expect(JSON.parse(payload.logEvents[0]!.message)).toEqual(record)
    expect(variants.eks.decode(payload).context).toMatchObject({ clusterName: 'prod-eks-1', accountId: '111122223333' })
  })
})

describe('aks: diagnostic record with the Event as a JSON string', () => {
  const r = variants.aks.encode(cronjobCreate, aksContext) as Obj

  it('has the documented envelope', () => {
    expect(Object.keys(r)).toEqual(['category', 'operationName', 'properties', 'resourceId', 'serviceBuild', 'time'])
    expect(r.category).toBe('kube-audit')
    expect(r.operationName).toBe('Microsoft.ContainerService/managedClusters/diagnosticLogs/Read')
    expect(Object.keys(r.properties)).toEqual(['pod', 'log', 'stream', 'containerID'])
    expect(r.properties.pod).toMatch(/^kube-apiserver-[a-z0-9]{10}-[a-z0-9]{5}$/)
    expect(r.properties.stream).toBe('stdout')
    expect(r.properties.containerID).toMatch(/^[0-9a-f]{64}$/)
    expect(r.resourceId).toBe('/SUBSCRIPTIONS/7D1E4B2A-93C5-4F60-B8A7-2E6D0C9F1B34/RESOURCEGROUPS/RG-PROD-AKS/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-AKS-1')
    expect(r.serviceBuild).toBe('na')
    expect(r.time).toMatch(/^2026-03-14T02:17:43\.53\d{7}Z$/)
    expect(r.time > '2026-03-14T02:17:43.531406Z').toBe(true)
  })

  it('carries the Event as compact JSON ending in a newline', () => {
    expect(r.properties.log.endsWith('}\n')).toBe(true)
    expect(r.properties.log).toBe(JSON.stringify(variants.k8s.encode(cronjobCreate, aksContext)) + '\n')
  })

  it('kube-audit-admin drops get, list and watch, keeps writes', () => {
    for (const verb of ['get', 'list', 'watch']) expect(variants.aks.encode({ ...listCronJobs, verb }, aksContext, { aksCategory: 'kube-audit-admin' })).toBeNull()
    expect((variants.aks.encode(cronjobCreate, aksContext, { aksCategory: 'kube-audit-admin' }) as Obj).category).toBe('kube-audit-admin')
    expect(variants.aks.encode(listCronJobs, aksContext)).not.toBeNull()
  })

  it('decodes the cluster from the upper-case resource id', () => {
    expect(variants.aks.decode(r).context).toEqual({ provider: 'aks', clusterName: 'prod-aks-1', subscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34', resourceGroup: 'rg-prod-aks' })
  })

  it('refuses other categories by name', () => {
    expect(() => variants.aks.decode({ ...r, category: 'guard' })).toThrow(/category "guard" is not kube-audit/)
  })
})

describe('gke: Cloud Audit LogEntry', () => {
  const r = variants.gke.encode(cronjobCreate, gkeContext) as Obj

  it('writes the AuditLog payload', () => {
    const pp = r.protoPayload
    expect(pp['@type']).toBe('type.googleapis.com/google.cloud.audit.AuditLog')
    expect(pp.serviceName).toBe('k8s.io')
    expect(pp.methodName).toBe('io.k8s.batch.v1.cronjobs.create')
    expect(pp.resourceName).toBe('batch/v1/namespaces/default/cronjobs/backup')
    expect(pp.authenticationInfo).toEqual({ principalEmail: 'jdoe@contoso.example' })
    expect(pp.authorizationInfo).toEqual([{ granted: true, permission: 'io.k8s.batch.v1.cronjobs.create', resource: 'batch/v1/namespaces/default/cronjobs/backup' }])
    expect(pp.requestMetadata).toEqual({ callerIp: '198.51.100.23', callerSuppliedUserAgent: 'kubectl/v1.31.4 (darwin/arm64) kubernetes/a78aa47' })
    expect(pp.status).toEqual({})
    expect(Object.keys(pp.request)).toEqual(['@type', 'apiVersion', 'kind', 'metadata', 'spec', 'status'])
    expect(pp.request['@type']).toBe('batch.k8s.io/v1.CronJob')
    expect(Object.keys(pp.request.spec)).toEqual(['concurrencyPolicy', 'jobTemplate', 'schedule'])
  })

  it('writes the LogEntry envelope', () => {
    expect(r.insertId).toBe(cronjobCreate.auditID)
    expect(r.operation).toEqual({ id: cronjobCreate.auditID, producer: 'k8s.io', first: true, last: true })
    expect(r.resource).toEqual({ type: 'k8s_cluster', labels: { project_id: 'acme-prod', location: 'europe-west1', cluster_name: 'prod-gke-1' } })
    expect(r.logName).toBe('projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity')
    expect(r.timestamp).toBe('2026-03-14T02:17:43.531406Z')
    expect(r.receiveTimestamp).toMatch(/^2026-03-14T02:17:4\d\.\d{9}Z$/)
    expect(r).not.toHaveProperty('severity')
    expect(r.labels).toEqual(cronjobCreate.annotations)
  })

  it('sends reads and status writes to data_access, or drops them when Data Access logs are off', () => {
    expect((variants.gke.encode(listCronJobs, gkeContext) as Obj).logName).toMatch(/%2Fdata_access$/)
    const status: AuditEvent = { ...cronjobCreate, verb: 'update', objectRef: { ...cronjobCreate.objectRef, subresource: 'status' } }
    expect((variants.gke.encode(status, gkeContext) as Obj).protoPayload.methodName).toBe('io.k8s.batch.v1.cronjobs.status.update')
    expect((variants.gke.encode(status, gkeContext) as Obj).logName).toMatch(/%2Fdata_access$/)
    expect(variants.gke.encode(listCronJobs, gkeContext, { gkeDataAccess: false })).toBeNull()
  })

  it('writes a denial as gRPC 7 with granted absent', () => {
    const denied: AuditEvent = { ...cronjobCreate, requestObject: undefined, responseStatus: { metadata: {}, status: 'Failure', message: 'cronjobs.batch is forbidden', reason: 'Forbidden', code: 403 }, responseObject: undefined }
    const pp = (variants.gke.encode(denied, gkeContext) as Obj).protoPayload
    expect(pp.status).toEqual({ code: 7, message: 'cronjobs.batch is forbidden' })
    expect(pp.authorizationInfo[0]).not.toHaveProperty('granted')
    expect(variants.gke.decode(variants.gke.encode(denied, gkeContext)).event.responseStatus?.code).toBe(403)
  })

  it.each([
    [403, 7], [401, 16], [404, 5], [409, 10], [400, 3], [422, 3], [429, 8], [500, 13], [503, 14], [504, 4], [201, 0],
  ])('HTTP %i ↔ gRPC %i', (http, grpc) => {
    expect(grpcFromHttp(http)).toBe(grpc)
    if (![422, 201].includes(http)) expect(httpFromGrpc(grpc)).toBe(http)
  })

  it.each([
    [{ resource: 'cronjobs', apiGroup: 'batch', namespace: 'default', name: 'backup' }, 'create', 'io.k8s.batch.v1.cronjobs.create', 'batch/v1/namespaces/default/cronjobs/backup'],
    [{ resource: 'pods', namespace: 'default', name: 'web', subresource: 'exec' }, 'create', 'io.k8s.core.v1.pods.exec.create', 'core/v1/namespaces/default/pods/web/exec'],
    [{ resource: 'clusterrolebindings', apiGroup: 'rbac.authorization.k8s.io', name: 'admins' }, 'create', 'io.k8s.authorization.rbac.v1.clusterrolebindings.create', 'rbac.authorization.k8s.io/v1/clusterrolebindings/admins'],
    [{ resource: 'leases', apiGroup: 'coordination.k8s.io', namespace: 'kube-system', name: 'kube-scheduler' }, 'update', 'io.k8s.coordination.v1.leases.update', 'coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler'],
    [{ resource: 'pods', namespace: 'default' }, 'list', 'io.k8s.core.v1.pods.list', 'core/v1/namespaces/default/pods'],
    [{ resource: 'namespaces', name: 'prod' }, 'delete', 'io.k8s.core.v1.namespaces.delete', 'core/v1/namespaces/prod'],
    [{ resource: 'servicemonitors', apiGroup: 'monitoring.coreos.com', namespace: 'm', name: 'x' }, 'get', 'com.coreos.monitoring.v1.servicemonitors.get', 'monitoring.coreos.com/v1/namespaces/m/servicemonitors/x'],
  ])('%o %s → %s, %s', (ref, verb, method, resourceName) => {
    expect(gkeMethodName(ref, 'v1', verb)).toBe(method)
    expect(gkeResourceName(ref, 'v1')).toBe(resourceName)
  })

  it('keeps one entry per request: no RequestReceived, exec at ResponseStarted, no non-resource requests', () => {
    expect(variants.gke.encode({ ...cronjobCreate, stage: 'RequestReceived' }, gkeContext)).toBeNull()
    const exec: AuditEvent = { ...cronjobCreate, objectRef: { resource: 'pods', namespace: 'default', name: 'web', subresource: 'exec', apiVersion: 'v1' } }
    expect(variants.gke.encode({ ...exec, stage: 'ResponseComplete' }, gkeContext)).toBeNull()
    expect(variants.gke.decode(variants.gke.encode({ ...exec, stage: 'ResponseStarted' }, gkeContext)).event.stage).toBe('ResponseStarted')
    expect(variants.gke.encode({ ...cronjobCreate, objectRef: undefined, requestURI: '/version' }, gkeContext)).toBeNull()
  })

  it('decodes Panther spellings (at_sign_type, callerIP) and refuses other services by name', () => {
    const raw = variants.gke.encode(cronjobCreate, gkeContext) as Obj
    const { '@type': t, ...pp } = raw.protoPayload
    const panther = { ...raw, protoPayload: { ...pp, at_sign_type: t, requestMetadata: { callerIP: '203.0.113.9' } } }
    expect(variants.gke.decode(panther).event.sourceIPs).toEqual(['203.0.113.9'])
    expect(() => variants.gke.decode({ protoPayload: { serviceName: 'compute.googleapis.com', methodName: 'v1.compute.instances.insert' } })).toThrow(/not a Kubernetes audit entry/)
  })
})

describe('azure-activity: no record for Kubernetes object writes', () => {
  it('writes nothing by default', () => {
    expect(variants['azure-activity'].encode(cronjobCreate, aksContext)).toBeNull()
  })

  it('writes the runCommand action for an action that came through az aks command invoke', () => {
    const invoked = { ...cronjobCreate, annotations: { ...cronjobCreate.annotations, [VIA_ANNOTATION]: VIA_COMMAND_INVOKE } }
    const r = variants['azure-activity'].encode(invoked, aksContext) as Obj
    expect(r.operationName).toBe('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/RUNCOMMAND/ACTION')
    expect(r.category).toBe('Administrative')
    expect(r.properties).not.toHaveProperty('ruleproof')
    expect(r.identity.authorization.action).toBe('Microsoft.ContainerService/managedClusters/runCommand/action')
    expect(validateRecord('azure-activity', r)).toEqual([])
  })

  it('with assumeDataActions writes the hypothetical data-action record, labelled as assumed', () => {
    const r = variants['azure-activity'].encode(cronjobCreate, aksContext, { assumeDataActions: true }) as Obj
    expect(r.operationName).toBe('MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE')
    expect(r.resourceId).toBe('/subscriptions/7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34/resourceGroups/rg-prod-aks/providers/Microsoft.ContainerService/managedClusters/prod-aks-1/batch/cronjobs/backup')
    expect(r.properties.ruleproof).toMatchObject({ assumed: true })
    expect(r.time).toBe('2026-03-14T02:17:43.5314060Z')
    expect(r.correlationId).toBe(cronjobCreate.auditID)
    const arc = variants['azure-activity'].encode({ ...cronjobCreate, verb: 'delete', objectRef: { resource: 'pods', namespace: 'default', name: 'web' } }, { ...aksContext, azureResourceType: 'Microsoft.Kubernetes/connectedClusters' }, { assumeDataActions: true }) as Obj
    expect(arc.operationName).toBe('MICROSOFT.KUBERNETES/CONNECTEDCLUSTERS/PODS/DELETE')
  })

  it('a data-action record without the assumed label is invalid', () => {
    const r = variants['azure-activity'].encode(cronjobCreate, aksContext, { assumeDataActions: true }) as Obj
    const { ruleproof: _label, ...props } = r.properties
    expect(validateRecord('azure-activity', { ...r, properties: props })).not.toEqual([])
  })
})

describe('detectVariant', () => {
  it.each([
    ['k8s', variants.k8s.encode(cronjobCreate, eksContext)],
    ['eks', variants.eks.encode({ ...cronjobCreate, user: { username: 'arn:aws:sts::111122223333:assumed-role/admin/jdoe', uid: 'aws-iam-authenticator:111122223333:AROAEXAMPLE' } }, eksContext)],
    ['eks', { kind: 'Event', verb: 'get', objectRef: { resource: 'pods' }, p_log_type: 'Amazon.EKS.Audit' }],
    ['aks', variants.aks.encode(cronjobCreate, aksContext)],
    ['aks', { records: [variants.aks.encode(cronjobCreate, aksContext)] }],
    ['gke', variants.gke.encode(cronjobCreate, gkeContext)],
    ['azure-activity', variants['azure-activity'].encode(cronjobCreate, aksContext, { assumeDataActions: true })],
    [undefined, { category: 'Administrative', operationName: 'Microsoft.Compute/virtualMachines/write' }],
    [undefined, 'not a record'],
  ])('%s', (expected, raw) => {
    expect(detectVariant(raw)).toBe(expected)
  })
})

describe('schemas catch wrong shapes', () => {
  it.each([
    ['k8s', { ...(variants.k8s.encode(cronjobCreate, eksContext) as Obj), stageTimestamp: '2026-03-14T02:17:43.531Z' }, /pattern/],
    ['k8s', { ...(variants.k8s.encode(cronjobCreate, eksContext) as Obj), responseStatus: { code: '201' } }, /integer/],
    ['k8s', { ...(variants.k8s.encode(cronjobCreate, eksContext) as Obj), extra: 1 }, /additional/],
    ['aks', { ...(variants.aks.encode(cronjobCreate, aksContext) as Obj), operationName: 'Read' }, /constant/],
    ['gke', { ...(variants.gke.encode(cronjobCreate, gkeContext) as Obj), severity: 'NOTICE' }, /additional/],
    ['gke', { ...(variants.gke.encode(cronjobCreate, gkeContext) as Obj), logName: 'projects/p/logs/cloudaudit.googleapis.com/activity' }, /pattern/],
  ] as const)('%s', (variant, record, message) => {
    expect(validateRecord(variant, record).map((p) => p.message).join('\n')).toMatch(message)
  })

  it('checks the Event inside an AKS record', () => {
    const r = variants.aks.encode(cronjobCreate, aksContext) as Obj
    const broken = { ...r, properties: { ...r.properties, log: r.properties.log.replace('"verb":"create"', '"verb":7') } }
    expect(validateRecord('aks', broken)[0]?.path).toBe('/properties/log#/verb')
  })
})

describe('timestamps', () => {
  it.each([
    ['2026-03-14T02:17:43Z', '2026-03-14T02:17:43.000000Z'],
    ['2026-03-14T02:17:43.5Z', '2026-03-14T02:17:43.500000Z'],
    ['2026-03-14T02:17:43.123456789Z', '2026-03-14T02:17:43.123456Z'],
    ['2026-03-14 02:17:43.38', '2026-03-14T02:17:43.380000Z'],
    ['2026-03-14T03:17:43.000001+01:00', '2026-03-14T02:17:43.000001Z'],
  ])('%s → %s', (input, micro) => {
    expect(toMicroTime(input)).toBe(micro)
  })
})
