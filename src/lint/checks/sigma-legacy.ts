import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'sigma-legacy',
  appliesTo: 'sigma',
  // Slash dates are also Sigma 1.x: sigma-date reports (and fixes) them.
  yieldsTo: ['sigma-date'],
  description:
    'Legacy Sigma syntax that Sigma 2 removed (pipe aggregations in conditions, `timeframe` in a detection) must be rewritten, e.g. as a correlation rule.',
})
