/**
 * Whether a text is a Splunk security_content detection, by a look at its top-level keys. Apart
 * from the SPL loader (src/lint/spl/view.ts) so that deciding costs no loading of the SPL parser
 * and evaluator: a lint of Sigma rules only never loads them.
 */
const SEARCH = /^search\s*:/m
const DETECTION = /^(how_to_implement|known_false_positives)\s*:/m

export function isSplunkDetectionText(text: string): boolean {
  // `includes` first: a scan for a word is far cheaper than a multiline RegExp over every rule.
  return text.includes('search') && SEARCH.test(text) && DETECTION.test(text)
}
