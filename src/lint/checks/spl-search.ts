import { loaderCheck } from '../check-utils.js'

export type MessageIds = 'loader'

export default loaderCheck({
  id: 'spl-search',
  appliesTo: 'splunk-spl',
  description:
    'A Splunk security_content detection must pass ruleproof\'s detection schema (each error at its key), call only macros that are defined (macros/*.yml beside or above, or the helpers ruleproof knows), and have a search ruleproof parses; a command, function or option outside ruleproof\'s SPL subset (`tstats` first) is reported at its place. Sidecar test errors too.',
  also: ['spl-schema', 'spl-syntax', 'spl-unsupported', 'spl-macro', 'spl-tests'],
})
