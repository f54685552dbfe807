/**
 * ruleproof's library API (`import … from 'ruleproof'`): the same parts the CLI and the vitest
 * integration are built from. `ruleproof/vitest` has `defineDetectionSuite()` and `checkTester()`;
 * `ruleproof/generators` the fast-check arbitraries and scenario families. Every import the docs
 * show is one of these three (test/deep/vitest-tarball.test.ts runs them from the packed package).
 */
export * from './model/index.js'
export { LoadError, UsageError, EXIT } from './shared/errors.js'
export { parseYamlDocuments, type YamlDocument, type SourceMap } from './shared/yaml/index.js'

// Rules of every format, discovered and loaded together.
export { loadRuleSet, mergeByFile, isUnloadedRule, type LoadRuleSetOptions, type RuleSet, type UnloadedRule } from './rules/index.js'
export { loadConfig, type RuleproofConfig } from './config/index.js'

// Sigma: documents, the compiler and correlations.
export { loadSigmaText, sigmaRulesFromDocuments } from './sigma/index.js'
export {
  compileDetection,
  parseCondition,
  resolveCondition,
  defaultAccessor,
  pathAccessor,
  SigmaCompileError,
  SigmaConditionError,
  type CompileOptions,
  type CompiledDetection,
  type FieldAccessor,
} from './sigma/compile/index.js'
export { createCorrelationEngine } from './sigma/correlation/index.js'
export { claimedVariants, pipelineFor, type Logsource, type SigmaPipeline } from './sigma/pipeline/index.js'

// Panther.
export { loadPantherRules, isPantherDocument } from './panther/index.js'

// Variants: one Kubernetes action, five provider log formats.
export { variants, getVariant, detectVariant, variantForPantherLogType, project, validateRecord } from './variants/index.js'

// The harness, the linter, reports and datasets.
export { planChecks, runHarness, summarize } from './harness/index.js'
export { lintSources, defineCheck, checks as lintChecks, registry as lintRegistry } from './lint/index.js'
export { lintPaths } from './lint/node/lint-paths.js'
export { renderResults, renderFindings, renderSarif, renderMarkdown, summarizeResults, summarizeFindings, resultsFailed } from './report/index.js'
export { generateDataset } from './dataset/index.js'
