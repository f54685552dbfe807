import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'panther-schema',
  appliesTo: 'panther',
  description:
    "Panther analysis YAML must pass panther_analysis_tool's validation: AnalysisType, required and allowed keys per type, value types and enums, no duplicates in set fields, pack references and data-model conflicts; each error at its key.",
  also: ['panther-duplicate-value', 'panther-datamodel-conflict', 'panther-pack-reference'],
  fallbackPrefix: 'panther-',
  yieldsTo: ['panther-severity'],
})
