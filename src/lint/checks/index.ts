import type { CheckModule } from '../types.js'
import attackMappingContradiction from './attack-mapping-contradiction.js'
import attackTag from './attack-tag.js'
import azureActivityDataAction from './azure-activity-data-action.js'
import fieldNotInLogsource from './field-not-in-logsource.js'
import fieldTypeMismatch from './field-type-mismatch.js'
import fieldValueDomain from './field-value-domain.js'
import fieldVariantUnsupported from './field-variant-unsupported.js'
import kqlAgoWindow from './kql-ago-window.js'
import kqlAttack from './kql-attack.js'
import kqlHasTerm from './kql-has-term.js'
import kqlSchema from './kql-schema.js'
import kqlSyntax from './kql-syntax.js'
import kqlUnknownName from './kql-unknown-name.js'
import kqlUnsupported from './kql-unsupported.js'
import pantherCorrelation from './panther-correlation.js'
import pantherDedupPeriod from './panther-dedup-period.js'
import pantherDuplicateId from './panther-duplicate-id.js'
import pantherDuplicateTestName from './panther-duplicate-test-name.js'
import pantherLogType from './panther-log-type.js'
import pantherLogTypeUntested from './panther-log-type-untested.js'
import pantherMissingFile from './panther-missing-file.js'
import pantherMockUnknownObject from './panther-mock-unknown-object.js'
import pantherNoNegativeTest from './panther-no-negative-test.js'
import pantherPackDuplicateId from './panther-pack-duplicate-id.js'
import pantherPython from './panther-python.js'
import pantherSchema from './panther-schema.js'
import pantherSeverity from './panther-severity.js'
import pantherTestLogType from './panther-test-log-type.js'
import sigmaAllSingleValue from './sigma-all-single-value.js'
import sigmaCollection from './sigma-collection.js'
import sigmaCompile from './sigma-compile.js'
import sigmaCorrelation from './sigma-correlation.js'
import sigmaCorrelationReference from './sigma-correlation-reference.js'
import sigmaDate from './sigma-date.js'
import sigmaDuplicateId from './sigma-duplicate-id.js'
import sigmaDuplicateReference from './sigma-duplicate-reference.js'
import sigmaDuplicateTag from './sigma-duplicate-tag.js'
import sigmaDuplicateValue from './sigma-duplicate-value.js'
import sigmaEmptyOfPattern from './sigma-empty-of-pattern.js'
import sigmaEscapedWildcard from './sigma-escaped-wildcard.js'
import sigmaId from './sigma-id.js'
import sigmaInvalidCidr from './sigma-invalid-cidr.js'
import sigmaInvalidRegex from './sigma-invalid-regex.js'
import sigmaLegacy from './sigma-legacy.js'
import sigmaLevel from './sigma-level.js'
import sigmaModifierOrder from './sigma-modifier-order.js'
import sigmaNullInList from './sigma-null-in-list.js'
import sigmaNumberAsString from './sigma-number-as-string.js'
import sigmaRedundantWildcard from './sigma-redundant-wildcard.js'
import sigmaRegexRedos from './sigma-regex-redos.js'
import sigmaRequiredMetadata from './sigma-required-metadata.js'
import sigmaSchema from './sigma-schema.js'
import sigmaSelectionStartsWithNot from './sigma-selection-starts-with-not.js'
import sigmaStatus from './sigma-status.js'
import sigmaTagFormat from './sigma-tag-format.js'
import sigmaTests from './sigma-tests.js'
import sigmaUndefinedSelection from './sigma-undefined-selection.js'
import sigmaUnknownModifier from './sigma-unknown-modifier.js'
import sigmaUnusedSelection from './sigma-unused-selection.js'
import sigmaWildcardBacktracking from './sigma-wildcard-backtracking.js'
import suppressionReason from './suppression-reason.js'
import testsCoverNoClaimedVariant from './tests-cover-no-claimed-variant.js'
import yamlSyntax from './yaml-syntax.js'
import splMitreAttackId from './spl-mitre-attack-id.js'
import splSearch from './spl-search.js'
import splUnknownField from './spl-unknown-field.js'
import splWhereCase from './spl-where-case.js'

/** Every check, by id, sorted. Adding a check: its file here, a test table in test/lint/checks/, a page in docs/checks/. */
export const checks = {
  'attack-mapping-contradiction': attackMappingContradiction,
  'attack-tag': attackTag,
  'azure-activity-data-action': azureActivityDataAction,
  'field-not-in-logsource': fieldNotInLogsource,
  'field-type-mismatch': fieldTypeMismatch,
  'field-value-domain': fieldValueDomain,
  'field-variant-unsupported': fieldVariantUnsupported,
  'kql-ago-window': kqlAgoWindow,
  'kql-attack': kqlAttack,
  'kql-has-term': kqlHasTerm,
  'kql-schema': kqlSchema,
  'kql-syntax': kqlSyntax,
  'kql-unknown-name': kqlUnknownName,
  'kql-unsupported': kqlUnsupported,
  'panther-correlation': pantherCorrelation,
  'panther-dedup-period': pantherDedupPeriod,
  'panther-duplicate-id': pantherDuplicateId,
  'panther-duplicate-test-name': pantherDuplicateTestName,
  'panther-log-type': pantherLogType,
  'panther-log-type-untested': pantherLogTypeUntested,
  'panther-missing-file': pantherMissingFile,
  'panther-mock-unknown-object': pantherMockUnknownObject,
  'panther-no-negative-test': pantherNoNegativeTest,
  'panther-pack-duplicate-id': pantherPackDuplicateId,
  'panther-python': pantherPython,
  'panther-schema': pantherSchema,
  'panther-severity': pantherSeverity,
  'panther-test-log-type': pantherTestLogType,
  'sigma-all-single-value': sigmaAllSingleValue,
  'sigma-collection': sigmaCollection,
  'sigma-compile': sigmaCompile,
  'sigma-correlation': sigmaCorrelation,
  'sigma-correlation-reference': sigmaCorrelationReference,
  'sigma-date': sigmaDate,
  'sigma-duplicate-id': sigmaDuplicateId,
  'sigma-duplicate-reference': sigmaDuplicateReference,
  'sigma-duplicate-tag': sigmaDuplicateTag,
  'sigma-duplicate-value': sigmaDuplicateValue,
  'sigma-empty-of-pattern': sigmaEmptyOfPattern,
  'sigma-escaped-wildcard': sigmaEscapedWildcard,
  'sigma-id': sigmaId,
  'sigma-invalid-cidr': sigmaInvalidCidr,
  'sigma-invalid-regex': sigmaInvalidRegex,
  'sigma-legacy': sigmaLegacy,
  'sigma-level': sigmaLevel,
  'sigma-modifier-order': sigmaModifierOrder,
  'sigma-null-in-list': sigmaNullInList,
  'sigma-number-as-string': sigmaNumberAsString,
  'sigma-redundant-wildcard': sigmaRedundantWildcard,
  'sigma-regex-redos': sigmaRegexRedos,
  'sigma-required-metadata': sigmaRequiredMetadata,
  'sigma-schema': sigmaSchema,
  'sigma-selection-starts-with-not': sigmaSelectionStartsWithNot,
  'sigma-status': sigmaStatus,
  'sigma-tag-format': sigmaTagFormat,
  'sigma-tests': sigmaTests,
  'sigma-undefined-selection': sigmaUndefinedSelection,
  'sigma-unknown-modifier': sigmaUnknownModifier,
  'sigma-unused-selection': sigmaUnusedSelection,
  'sigma-wildcard-backtracking': sigmaWildcardBacktracking,
  'spl-mitre-attack-id': splMitreAttackId,
  'spl-search': splSearch,
  'spl-unknown-field': splUnknownField,
  'spl-where-case': splWhereCase,
  'suppression-reason': suppressionReason,
  'tests-cover-no-claimed-variant': testsCoverNoClaimedVariant,
  'yaml-syntax': yamlSyntax,
} satisfies Record<string, CheckModule<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any -- each check has its own options type

export type CheckId = keyof typeof checks

/** The registry as a plain map, for the engine and config. */
export const registry: Record<string, CheckModule> = checks as unknown as Record<string, CheckModule>
