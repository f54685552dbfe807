/** Sigma documents: load, validate, embedded tests, and rules ready to evaluate. */
// Installs the variants' field-mapping pipelines as the default views of Sigma rules.
import './pipeline/index.js'
export { loadSigmaText, loadSigmaYaml, firstLoadError, sigmaKind, LOAD_CHECKS } from './load/index.js'
export type {
  LoadSigmaOptions,
  LoadedSigmaText,
  SigmaDocument,
  SigmaRuleDocument,
  SigmaCorrelationDocument,
  SigmaFilterDocument,
  SigmaCorrelation,
  SigmaLogsource,
  SigmaKind,
} from './load/index.js'
export { parseTestList, DEFAULT_TEST_VARIANT } from './tests/parse.js'
export { schemaIssues, schemaFindings, isSchemaValid, renderPath } from './schema/validate.js'
export type { SchemaName, SchemaIssue } from './schema/validate.js'
export { sigmaRulesFromDocuments, setDefaultSigmaViews, rawViews, UnsupportedFieldError, UnclaimedVariantError } from './rule.js'
export type { SigmaRuleOptions, SigmaLoadedRule, SigmaView, SigmaViews } from './rule.js'
export { loadSigmaTestsText, sidecarPathFor, isSidecarPath } from './tests/sidecar.js'
export { parseRegressionInfo, jsonRenderingPath } from './tests/regression.js'
export type { RegressionInfo, RegressionTest } from './tests/regression.js'
export { windowsEventAccessor, windowsEventKeywords, splitConcatenatedJson } from './tests/windows-event.js'
