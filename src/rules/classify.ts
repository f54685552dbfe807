import path from 'node:path'
import { parsePantherYaml, type PantherYaml } from '../panther/load/yaml.js'
import { LoadError } from '../shared/errors.js'
import { parseYamlDocuments, type YamlDocument } from '../shared/yaml/index.js'

/** What a discovered file is, decided from its name and its parsed documents. */
export type FileKind =
  | 'panther'
  /** A Microsoft Sentinel analytics rule (YAML with `query:`) or a bare `.kql` query. */
  | 'sentinel-kql'
  | 'sigma'
  /** A Splunk security_content detection (YAML with `search:` and `how_to_implement:`). */
  | 'splunk-spl'
  /** security_content's macros/, data_sources/ and lookups/ definitions: read by the SPL loader, never rules. */
  | 'splunk-support'
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

/**
 * A classified file with what its classification parsed, so that the loaders do not parse it
 * again: `yaml` for Sigma and sigma-test files (the shared loader's documents), `panther` for
 * Panther files (parsed in PAT's dialect). Both are absent when the YAML does not parse: the
 * format's loader then reports the error. `reason` says why a YAML file is no rule (reported
 * as a note); non-YAML files that are not test files have none.
 */
export type ClassifiedFile =
  | { kind: 'sigma'; yaml?: YamlDocument[] }
  | { kind: 'panther'; panther?: PantherYaml }
  | { kind: 'sigma-test'; yaml: YamlDocument[] }
  | { kind: 'sigma-sidecar' | 'panther-sidecar' | 'sigmahq-regression' | 'zircolite' | 'config' | 'sentinel-kql' }
  | { kind: 'splunk-spl' | 'splunk-support' }
  | { kind: 'other'; reason?: string }

const SIGMA_KEYS = ['title', 'detection', 'logsource', 'correlation', 'filter', 'action'] as const
const ZIRCOLITE = /"true_(positive|negative)"\s*:/
const SENTINEL_KEYS = ['query', 'queryFrequency', 'requiredDataConnectors', 'triggerOperator'] as const
// Only for files whose YAML does not parse: which loader reports the error.
const PANTHER_TEXT = /^["']?AnalysisType["']?\s*:/m
const SPLUNK_TEXT = /^search\s*:/m
const SPLUNK_DETECTION_TEXT = /^(how_to_implement|known_false_positives)\s*:/m
const SPLUNK_SUPPORT_DIR = /(^|[\\/])(macros|data_sources|lookups)[\\/][^\\/]+$/

type Mapping = Record<string, unknown>
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v)
const has = (v: unknown, key: string): boolean => isMapping(v) && Object.hasOwn(v, key)

function describeOther(docs: readonly YamlDocument[]): string {
  const values = docs.map((d) => d.value).filter((v) => v !== null && v !== undefined)
  if (values.length === 0) return 'empty file: no Sigma or Panther document'
  if (values.every(Array.isArray)) return 'a YAML list, not a Sigma or Panther document (a rule is a mapping)'
  const keys = [...new Set(values.filter(isMapping).flatMap((v) => Object.keys(v)))]
  if (keys.length === 0) return 'a YAML scalar, not a Sigma or Panther document'
  const shown = keys.slice(0, 5).join(', ') + (keys.length > 5 ? ', …' : '')
  return `neither a Sigma rule (no title, logsource or detection) nor a Panther file (no AnalysisType): top-level keys ${shown}`
}

/**
 * Classifies one file from its name and, for YAML, its parsed documents (so `"title":` or a
 * flow mapping is a rule like `title:` is). A file is parsed once: in PAT's dialect first when
 * its text names AnalysisType, else with the shared loader whose documents the Sigma loader takes.
 */
export function classifyParsed(file: string, text: string): ClassifiedFile {
  const named = classifyByName(file, text)
  if (named) return named
  if (mayBePanther(text)) {
    try {
      const panther = parsePantherYaml(text, file)
      if (has(panther.value, 'AnalysisType')) return { kind: 'panther', panther }
    } catch (e) {
      if (!(e instanceof LoadError)) throw e
      // Not PAT's single document: the shared loader decides below.
    }
  }
  let yaml: YamlDocument[]
  try {
    yaml = parseYamlDocuments(text, file)
  } catch (e) {
    if (!(e instanceof LoadError)) throw e
    if (SPLUNK_TEXT.test(text) && SPLUNK_DETECTION_TEXT.test(text)) return { kind: 'splunk-spl' }
    return PANTHER_TEXT.test(text) ? { kind: 'panther' } : { kind: 'sigma' }
  }
  return classifyDocuments(file, yaml)
}

/** Files whose name says what they are (configs, sidecars, JSON); undefined for YAML to be parsed. */
export function classifyByName(file: string, text: string): ClassifiedFile | undefined {
  const base = path.basename(file).toLowerCase()
  if (/^ruleproof\.config\.(json|ya?ml)$/.test(base)) return { kind: 'config' }
  if (base.endsWith('.kql')) return { kind: 'sentinel-kql' }
  if (base.endsWith('.json')) return ZIRCOLITE.test(text) && text.trimStart().startsWith('[') ? { kind: 'zircolite' } : { kind: 'other' }
  if (/\.tests\.ya?ml$/.test(base)) return { kind: 'sigma-sidecar' }
  if (/\.ruleproof\.ya?ml$/.test(base)) return { kind: 'panther-sidecar' }
  return undefined
}

/**
 * False when the file cannot be a Panther file: its text never names AnalysisType (a key
 * spelled with escapes, `"Analysis\u0054ype"`, is still found by classifyDocuments).
 */
export function mayBePanther(text: string): boolean {
  return text.includes('AnalysisType')
}

/** The kind of a YAML file from its documents, as parsed by the shared loader. */
export function classifyDocuments(file: string, yaml: YamlDocument[]): ClassifiedFile {
  const base = path.basename(file).toLowerCase()
  const values = yaml.map((d) => d.value)
  if (values.some((v) => has(v, 'AnalysisType'))) return { kind: 'panther' }
  if (base === 'info.yml' && has(values[0], 'regression_tests_info')) return { kind: 'sigmahq-regression' }
  if (/_test\.ya?ml$/.test(base) && values.some((v) => has(v, 'event') || has(v, 'match')) && !values.some((v) => has(v, 'detection'))) {
    return { kind: 'sigma-test', yaml }
  }
  // Splunk security_content: a detection has search and how_to_implement (no Sigma key); its
  // macros/, data_sources/ and lookups/ definitions are read by the SPL loader.
  if (has(values[0], 'search') && (has(values[0], 'how_to_implement') || has(values[0], 'known_false_positives'))) return { kind: 'splunk-spl' }
  if (SPLUNK_SUPPORT_DIR.test(file) && ['definition', 'supported_TA', 'sourcetype', 'filename'].some((k) => has(values[0], k))) return { kind: 'splunk-support' }
  if (values.some((v) => SIGMA_KEYS.some((k) => has(v, k)))) return { kind: 'sigma', yaml }
  // A Sentinel analytics rule: its query and scheduling keys, or a migration stub (id, name, description, version).
  const first = values[0]
  if (values.length === 1 && (SENTINEL_KEYS.some((k) => has(first, k)) || ['id', 'name', 'description', 'version'].every((k) => has(first, k)))) return { kind: 'sentinel-kql' }
  return { kind: 'other', reason: describeOther(yaml) }
}

/** The kind of a file (see classifyParsed). */
export function classifyFile(file: string, text: string): FileKind {
  return classifyParsed(file, text).kind
}
