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
