import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'sigma-schema',
  appliesTo: 'sigma',
  description:
    'Sigma documents must validate against the Sigma 2.1.0 JSON schemas (rule, correlation, filter); each error is reported at its key.',
  fallbackPrefix: 'sigma-',
  yieldsTo: ['sigma-date', 'sigma-status', 'sigma-level', 'sigma-id', 'sigma-tag-format', 'sigma-duplicate-tag', 'sigma-duplicate-reference', 'sigma-required-metadata'],
})
