import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'panther-duplicate-id',
  appliesTo: 'panther',
  description: 'RuleID (and every other analysis id) must be unique across all loaded Panther items ("Conflicting AnalysisID").',
})
