import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'sigma-collection',
  appliesTo: 'sigma',
  description:
    'Multi-document rule collections (`action: global`, `repeat`, `reset`) must expand into complete rules.',
})
