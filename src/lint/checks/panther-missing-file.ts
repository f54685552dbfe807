import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'panther-missing-file',
  appliesTo: 'panther',
  description: 'The Python module named by `Filename` must exist next to the YAML file (PAT cannot load the rule otherwise).',
})
