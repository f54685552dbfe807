/** A small Sigma rule for check tests: the given lines go under `detection:` (4-space indented). */
export function sigma(detection: string, options: { logsource?: string; head?: string; tail?: string } = {}): string {
  const logsource = options.logsource ?? 'product: kubernetes\n    service: audit'
  const body = detection
    .trim()
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n')
  return `title: Test rule\nid: 9f1c7a52-3d6e-4b8a-9c1d-2e4f6a8b0c1d\n${options.head ?? ''}logsource:\n    ${logsource}\ndetection:\n${body}\n${options.tail ?? ''}`
}

/** A small Panther rule: the given YAML is appended after the standard keys. */
export function panther(extra: string, options: { logTypes?: string[]; id?: string } = {}): string {
  const logTypes = (options.logTypes ?? ['Amazon.EKS.Audit']).map((l) => `  - ${l}`).join('\n')
  return `AnalysisType: rule\nRuleID: ${options.id ?? 'Test.Rule'}\nEnabled: true\nFilename: test_rule.py\nSeverity: Medium\nLogTypes:\n${logTypes}\n${extra.trim()}\n`
}

export const RULE_PY = 'def rule(event):\n    return event.get("verb") == "create"\n'

/** A small Sentinel analytics rule: `query` (lines) under `query: |`, metadata overridable. */
export function sentinel(query: string, options: { queryPeriod?: string; tactics?: string[]; techniques?: string[]; severity?: string } = {}): string {
  const list = (xs: string[]): string => xs.map((x) => `  - ${x}`).join('\n')
  return `id: 0b7a5a4e-3f1c-4c2e-9d7b-6a5e4d3c2b1a
name: Test rule
description: a check test
severity: ${options.severity ?? 'Medium'}
queryFrequency: 1h
queryPeriod: ${options.queryPeriod ?? '1h'}
triggerOperator: gt
triggerThreshold: 0
tactics:
${list(options.tactics ?? ['Persistence'])}
relevantTechniques:
${list(options.techniques ?? ['T1053.007'])}
query: |
${query.trim().split('\n').map((l) => `  ${l}`).join('\n')}
version: 1.0.0
kind: Scheduled
`
}
