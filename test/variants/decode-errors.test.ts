import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecodeError, detectVariant, variants } from '../../src/variants/index.js'
import { aksContext, cronjobCreate } from './examples.js'

describe('decode: bad input is a DecodeError naming the variant and the place', () => {
  it.each([
    ['k8s', null, /k8s: the audit Event is not a JSON object/],
    ['k8s', { kind: 'Pod' }, /kind is "Pod", not "Event" \(at kind\)/],
    ['eks', { kind: 'Event', sourceIPs: '1.2.3.4' }, /sourceIPs must be an array of strings/],
    ['eks', { kind: 'Event', responseStatus: { code: '403' } }, /responseStatus.code must be a number/],
    ['eks', { kind: 'Event', stageTimestamp: 'yesterday' }, /stageTimestamp is not a timestamp/],
    ['eks', { logEvents: [{ message: '{not json' }] }, /message is not JSON: .* \(at logEvents\[0\]\.message\)/],
    ['aks', { category: 'kube-audit', properties: { log: '{oops' } }, /properties.log is not JSON/],
    ['aks', { category: 'kube-audit', properties: {} }, /properties.log must be the audit Event as a JSON string/],
    ['gke', { insertId: 'x' }, /protoPayload must be an object/],
    ['gke', { protoPayload: { methodName: 'google.iam.admin.v1.CreateRole', serviceName: 'iam.googleapis.com' } }, /not a Kubernetes audit entry/],
    ['azure-activity', { operationName: 'MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/LISTCLUSTERADMINCREDENTIAL/ACTION' }, /is not a Kubernetes data action or run command/],
  ] as const)('%s %j', (variant, raw, message) => {
    expect(() => variants[variant].decode(raw)).toThrow(DecodeError)
    expect(() => variants[variant].decode(raw)).toThrow(message)
  })

  it('never fails otherwise, whatever the input', () => {
    const inputs = fc.oneof(
      fc.anything(),
      fc.record({ kind: fc.constant('Event'), verb: fc.anything(), user: fc.anything(), objectRef: fc.anything(), annotations: fc.anything() }, { requiredKeys: [] }),
      fc.record({ category: fc.constant('kube-audit'), properties: fc.record({ log: fc.oneof(fc.string(), fc.json()) }), resourceId: fc.string() }),
      fc.record({ protoPayload: fc.record({ methodName: fc.oneof(fc.string(), fc.constant('io.k8s.core.v1.pods.get')), resourceName: fc.anything(), status: fc.anything(), request: fc.anything() }, { requiredKeys: [] }), timestamp: fc.anything() }, { requiredKeys: [] }),
    )
    fc.assert(
      fc.property(inputs, (raw) => {
        for (const v of Object.values(variants)) {
          try {
            v.decode(raw)
          } catch (err) {
            expect(err, `${v.id}: ${(err as Error).message}`).toBeInstanceOf(DecodeError)
          }
        }
      }),
      { numRuns: 500, seed: 3 },
    )
  })

  it('decodes a partial Panther AKS log, taking the cluster from p_source_label', () => {
    const { event, context, defaulted } = variants.aks.decode({
      p_log_type: 'Azure.MonitorActivity',
      category: 'kube-audit',
      operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
      properties: { log: JSON.stringify({ kind: 'Event', verb: 'update', objectRef: { resource: 'cronjobs', namespace: 'prod', name: 'n' } }) },
      p_source_label: 'aks-cluster',
    })
    expect(event.verb).toBe('update')
    expect(event.requestURI).toBe('/api/v1/namespaces/prod/cronjobs/n')
    expect(context).toEqual({ provider: 'aks', clusterName: 'aks-cluster' })
    expect(defaulted).toEqual(expect.arrayContaining(['level', 'stage', 'auditID', 'requestReceivedTimestamp', 'stageTimestamp', 'context.subscriptionId']))
  })

  it('round-trips the Event Hub body form', () => {
    const record = variants.aks.encode(cronjobCreate, aksContext)
    expect(variants.aks.decode({ records: [record] }).event.auditID).toBe(cronjobCreate.auditID)
  })
})

describe('aks: Log Analytics rows decode like the export record', () => {
  const record = variants.aks.encode(cronjobCreate, aksContext) as Record<string, any> // any: raw JSON
  it('AzureDiagnostics (log_s)', () => {
    const row = { TimeGenerated: '2026-03-14T02:17:43.5316892Z', ResourceId: record.resourceId, Category: 'kube-audit', OperationName: record.operationName, log_s: record.properties.log, pod_s: record.properties.pod, Type: 'AzureDiagnostics' }
    expect(detectVariant(row)).toBe('aks')
    expect(variants.aks.decode(row)).toEqual(variants.aks.decode(record))
  })
  it('AKSAudit typed columns', () => {
    const e = cronjobCreate
    const row = {
      TimeGenerated: '2026-03-14T02:17:43.5316892Z', Level: e.level, AuditId: e.auditID, Stage: e.stage, RequestUri: e.requestURI, Verb: e.verb, User: e.user,
      SourceIps: e.sourceIPs, UserAgent: e.userAgent, ObjectRef: e.objectRef, ResponseStatus: e.responseStatus, RequestObject: e.requestObject, ResponseObject: e.responseObject,
      RequestReceivedTime: e.requestReceivedTimestamp, StageReceivedTime: e.stageTimestamp, Annotations: e.annotations, PodName: 'kube-apiserver-x', Type: 'AKSAudit',
      _ResourceId: '/subscriptions/7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34/resourcegroups/rg-prod-aks/providers/microsoft.containerservice/managedclusters/prod-aks-1',
    }
    expect(detectVariant(row)).toBe('aks')
    expect(variants.aks.decode(row)).toEqual(variants.aks.decode(record))
  })
})
