/** Hand-written canonical examples (logformats §2.8 / §3.8 / §5.8 shapes, trimmed bodies). */
import type { AuditEvent, ClusterContext } from '../../src/model/audit-event.js'

export const cronjobCreate: AuditEvent = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: '2d7e9f14-0b6c-4a3e-8d51-f7c2a9e4b083',
  stage: 'ResponseComplete',
  requestURI: '/apis/batch/v1/namespaces/default/cronjobs?fieldManager=kubectl-create&fieldValidation=Strict',
  verb: 'create',
  user: { username: 'jdoe@contoso.example', groups: ['5f2d8c41-7b6e-4a09-9e3d-1c8b2a7f6e50', 'system:authenticated'], extra: { oid: ['c3a9e1f4-2b7d-4c58-8e06-9d1f4a2b7c35'] } },
  sourceIPs: ['198.51.100.23'],
  userAgent: 'kubectl/v1.31.4 (darwin/arm64) kubernetes/a78aa47',
  objectRef: { resource: 'cronjobs', namespace: 'default', name: 'backup', apiGroup: 'batch', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 201 },
  requestObject: {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name: 'backup', namespace: 'default', creationTimestamp: null },
    spec: { schedule: '0 2 * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'pg-dump', image: 'postgres:16.4-alpine' }], restartPolicy: 'OnFailure' } } } } },
    status: {},
  },
  responseObject: { kind: 'CronJob', apiVersion: 'batch/v1', metadata: { name: 'backup', namespace: 'default', uid: '6f0c2b9e-4a57-4e1c-9d3a-2b7f0e8c51a4', resourceVersion: '48213977' }, spec: { schedule: '0 2 * * *' }, status: {} },
  requestReceivedTimestamp: '2026-03-14T02:17:43.512873Z',
  stageTimestamp: '2026-03-14T02:17:43.531406Z',
  annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "platform-admins" of ClusterRole "cluster-admin" to Group "5f2d8c41-7b6e-4a09-9e3d-1c8b2a7f6e50"' },
}

export const gkeContext: ClusterContext = { provider: 'gke', clusterName: 'prod-gke-1', projectId: 'acme-prod', region: 'europe-west1' }
export const aksContext: ClusterContext = { provider: 'aks', clusterName: 'prod-aks-1', subscriptionId: '7d1e4b2a-93c5-4f60-b8a7-2e6d0c9f1b34', resourceGroup: 'rg-prod-aks', region: 'westeurope' }
export const eksContext: ClusterContext = { provider: 'eks', clusterName: 'prod-eks-1', accountId: '111122223333', region: 'eu-west-1' }
