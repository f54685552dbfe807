/** Sigma documents: load, validate, embedded tests, and rules ready to evaluate. */
export { loadSigmaText, firstLoadError, sigmaKind, LOAD_CHECKS } from './load/index.js'
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
