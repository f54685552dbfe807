import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'panther-log-type',
  appliesTo: 'panther',
  // A warning: PAT validates LogTypes only against a live instance, and runs the tests regardless.
  severity: 'warning',
  description: 'Every entry of `LogTypes` should be a Panther-managed log type or a `Custom.*` name (extend the list with `panther.logTypes` in the config). Offline this is a warning: the rule is loaded and its tests run.',
})
