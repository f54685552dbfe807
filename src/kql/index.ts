/**
 * Microsoft Sentinel KQL rules: Sentinel analytics rule YAML or a bare `.kql` file, tests in a
 * `<rule>.ruleproof.yml` sidecar, evaluated by ruleproof's KQL engine over the Sentinel views of
 * the variants (src/variants/sentinel.ts). Syntax errors come from Microsoft's parser.
 */
import type { Finding } from '../model/result.js'
import type { DeclaredTests } from '../rules/unloaded.js'
import { loadKqlFile, loadSentinelYaml, sidecarOf } from './load.js'
import { kqlRule, type KqlLoadedRule } from './rule.js'

export { KQL_CHECKS, DEFAULT_KQL_TEST_VARIANT, type KqlRuleSource } from './load.js'
export { kqlRule, plainRow, type KqlLoadedRule } from './rule.js'
export { parseKql, SUPPORTED_OPERATORS, SUPPORTED_BINARY, SUPPORTED_LIST } from './parser.js'
export { compileQuery } from './evaluate.js'
export { KqlError } from './errors.js'

/** Loads one KQL rule file (`.yml`/`.yaml` Sentinel rule, or `.kql`); findings for what does not load. */
export function loadKqlRuleText(text: string, file: string): { rules: KqlLoadedRule[]; findings: Finding[]; declared: DeclaredTests[] } {
  const findings: Finding[] = []
  const src = /\.kql$/i.test(file) ? loadKqlFile(text, file, findings) : loadSentinelYaml(text, file, findings)
  const rule = src ? kqlRule(src, findings) : undefined
  // The tests the sidecar declares: those of a rule that did not load still get results (with the cause).
  const side = sidecarOf(file)
  const declared: DeclaredTests[] = src
    ? [{ format: 'sentinel-kql', id: src.id, title: src.name, file, location: src.location, tests: src.tests, refs: [src.id, src.name], files: side ? [file, side] : [file] }]
    : []
  return { rules: rule ? [rule] : [], findings, declared }
}
