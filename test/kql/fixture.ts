/** A Sentinel analytics rule YAML around a query (the query's first line is line 18 with connectors, 14 without; column 3). */
export function sentinelRule(o: { id: string; name?: string; query: string; connectors?: boolean; extra?: string }): string {
  const connectors = o.connectors ? 'requiredDataConnectors:\n  - connectorId: AzureKubernetes\n    dataTypes:\n      - AzureDiagnostics\n' : ''
  return `id: ${o.id}
name: ${o.name ?? 'CronJob created (test)'}
description: a test fixture
severity: Medium
${connectors}queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics:
  - Persistence
relevantTechniques:
  - T1053.007
query: |
${o.query.split('\n').map((l) => `  ${l}`).join('\n')}
version: 1.0.0
kind: Scheduled
${o.extra ?? ''}`
}
