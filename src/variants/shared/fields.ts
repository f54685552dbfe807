/**
 * Canonical field paths used in `carries` / `loses` lists: event fields by their Event name,
 * cluster context fields under `context.`.
 */
export const ALL_EVENT_FIELDS = [
  'kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb',
  'user.username', 'user.uid', 'user.groups', 'user.extra', 'impersonatedUser', 'sourceIPs', 'userAgent',
  'objectRef.resource', 'objectRef.namespace', 'objectRef.name', 'objectRef.uid', 'objectRef.apiGroup',
  'objectRef.apiVersion', 'objectRef.resourceVersion', 'objectRef.subresource',
  'responseStatus', 'requestObject', 'responseObject', 'requestReceivedTimestamp', 'stageTimestamp', 'annotations',
] as const

export const ALL_CONTEXT_FIELDS = [
  'context.provider', 'context.clusterName', 'context.region', 'context.accountId', 'context.projectId',
  'context.subscriptionId', 'context.resourceGroup', 'context.azureResourceType',
] as const
