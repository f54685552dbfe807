import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'sigma-correlation',
  appliesTo: 'sigma',
  description:
    'Correlation rules must name their rules, group-by, timespan and a condition that fits their type.',
})
