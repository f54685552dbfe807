import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'panther-log-type',
  appliesTo: 'panther',
  description: 'Every entry of `LogTypes` must be a Panther-managed log type or a `Custom.*` name (extend the list with `panther.logTypes` in the config).',
})
