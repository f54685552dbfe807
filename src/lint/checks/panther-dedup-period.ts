import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'panther-dedup-period',
  appliesTo: 'panther',
  severity: 'warning',
  description: '`DedupPeriodMinutes` of 0 is ignored by the backend and values below 5 are raised to 5 on upload.',
})
