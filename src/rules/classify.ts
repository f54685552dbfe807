import path from 'node:path'

/** What a discovered file is, decided from its name and a cheap look at its text (no parse). */
export type FileKind =
  | 'panther'
  | 'sigma'
  /** `<rule>.tests.yml`: ruleproof tests for the Sigma rule(s) of `<rule>.yml`. */
  | 'sigma-sidecar'
  /** `<rule>.ruleproof.yml`: ruleproof assertions for a Panther rule's tests (read by the Panther loader). */
  | 'panther-sidecar'
  /** `<rule>_test.yml`: sigma-test's multi-document test file. */
  | 'sigma-test'
  /** SigmaHQ `regression_data/**\/info.yml`. */
  | 'sigmahq-regression'
  /** Zircolite `--test-rules` JSON. */
  | 'zircolite'
  | 'config'
  | 'other'

const TOP_KEY = (key: string): RegExp => new RegExp(`^["']?${key}["']?\\s*:`, 'm')
const PANTHER = TOP_KEY('AnalysisType')
const SIGMA = /^(title|detection|logsource|correlation|filter|action)\s*:/m
const REGRESSION = TOP_KEY('regression_tests_info')
const ZIRCOLITE = /"true_(positive|negative)"\s*:/
const SIGMA_TEST_DOC = /^(event|match)\s*:/m

export function classifyFile(file: string, text: string): FileKind {
  const base = path.basename(file).toLowerCase()
  if (/^ruleproof\.config\.(json|ya?ml)$/.test(base)) return 'config'
  if (base.endsWith('.json')) return ZIRCOLITE.test(text) && text.trimStart().startsWith('[') ? 'zircolite' : 'other'
  if (/\.tests\.ya?ml$/.test(base)) return 'sigma-sidecar'
  if (/\.ruleproof\.ya?ml$/.test(base)) return 'panther-sidecar'
  if (PANTHER.test(text)) return 'panther'
  if (base === 'info.yml' && REGRESSION.test(text)) return 'sigmahq-regression'
  if (/_test\.ya?ml$/.test(base) && SIGMA_TEST_DOC.test(text) && !/^detection\s*:/m.test(text)) return 'sigma-test'
  if (SIGMA.test(text)) return 'sigma'
  return 'other'
}
