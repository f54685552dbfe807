/**
 * Splunk SPL detections in the security_content format: the detection YAML (our JSON schema),
 * macros from macros/*.yml, tests from a `<detection>.ruleproof.yml` sidecar and from attack_data
 * files, evaluated by ruleproof's SPL engine over Splunk's view of each variant (src/spl/views.ts).
 */
import type { Finding } from '../model/result.js'
import { loadSplunkDetection } from './load.js'
import { splRule, type SplLoadedRule, type SplOptions } from './rule.js'

export { SPL_CHECKS, DEFAULT_SPL_TEST_VARIANT, loadSplunkDetection, type SplRuleSource } from './load.js'
export { splRule, compileSearch, plainRow, type SplLoadedRule, type SplOptions } from './rule.js'
export { parseSpl, COMMANDS, UNSUPPORTED_COMMANDS, FUNCTIONS, AGGREGATIONS } from './parser.js'
export { printSpl } from './print.js'
export { runPipeline } from './evaluate.js'
export { expandMacros } from './macros.js'
export { SplError } from './errors.js'
export { SPLUNK_PATHS, splunkHecEvent, splunkRow, hecToRow } from './views.js'

/** Loads one security_content detection file; findings for what does not load. */
export function loadSplRuleText(text: string, file: string, options: SplOptions = {}): { rules: SplLoadedRule[]; findings: Finding[] } {
  const findings: Finding[] = []
  const src = loadSplunkDetection(text, file, findings)
  const rule = src ? splRule(src, findings, options) : undefined
  return { rules: rule ? [rule] : [], findings }
}
