import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'panther-pack-duplicate-id',
  appliesTo: 'panther',
  // PAT's PackDefinition.IDs is a plain list, not one of its set fields: a repeat is harmless.
  severity: 'warning',
  description: 'A pack should list each analysis ID once in `PackDefinition.IDs` (PAT accepts repeats, so this is a warning).',
})
