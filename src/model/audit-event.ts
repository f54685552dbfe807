/**
 * The canonical record: a Kubernetes `audit.k8s.io/v1` Event (field order as kube-apiserver
 * serialises it) plus the cluster it came from. Every generator produces these; every
 * variant is an encoding of one.
 */
export type AuditLevel = 'None' | 'Metadata' | 'Request' | 'RequestResponse'
export type AuditStage = 'RequestReceived' | 'ResponseStarted' | 'ResponseComplete' | 'Panic'

export interface UserInfo {
  username?: string
  uid?: string
  groups?: string[]
  extra?: Record<string, string[]>
}

export interface ObjectReference {
  resource?: string
  namespace?: string
  name?: string
  uid?: string
  apiGroup?: string
  apiVersion?: string
  resourceVersion?: string
  subresource?: string
}

export interface ResponseStatus {
  metadata?: Record<string, unknown>
  status?: string
  message?: string
  reason?: string
  details?: Record<string, unknown>
  code?: number
}

export interface AuditEvent {
  kind: 'Event'
  apiVersion: 'audit.k8s.io/v1'
  level: AuditLevel
  auditID: string
  stage: AuditStage
  requestURI: string
  verb: string
  user: UserInfo
  impersonatedUser?: UserInfo
  sourceIPs?: string[]
  userAgent?: string
  objectRef?: ObjectReference
  responseStatus?: ResponseStatus
  requestObject?: Record<string, unknown>
  responseObject?: Record<string, unknown>
  /** RFC 3339 with microseconds, e.g. 2026-11-23T09:10:51.123456Z */
  requestReceivedTimestamp: string
  stageTimestamp: string
  annotations?: Record<string, string>
}

export type Provider = 'kubernetes' | 'eks' | 'aks' | 'gke'

/** Where the event happened; each provider's envelope needs a different part of it. */
export interface ClusterContext {
  provider: Provider
  clusterName: string
  region?: string
  /** AWS account id (eks). */
  accountId?: string
  /** GCP project id (gke). */
  projectId?: string
  /** Azure subscription id and resource group (aks, azure-activity). */
  subscriptionId?: string
  resourceGroup?: string
  /**
   * Azure only: the ARM resource type of the cluster. Azure Arc-connected clusters are
   * `Microsoft.Kubernetes/connectedClusters`.
   * @defaultValue 'Microsoft.ContainerService/managedClusters'
   */
  azureResourceType?: 'Microsoft.ContainerService/managedClusters' | 'Microsoft.Kubernetes/connectedClusters'
}
