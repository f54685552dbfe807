import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'sigma-tests',
  appliesTo: 'sigma',
  description:
    "A Sigma rule's embedded `tests:` must be well-formed: a name, an expected verdict, a variant ruleproof knows and an event.",
})
