/** What evaluating one rule on one record gives. */
export interface Verdict {
  match: boolean
  /** Sigma: names of the selections that matched (for explanations). */
  matched?: string[]
  /** Panther: auxiliary outputs (title, dedup, severity, alertContext, …). */
  outputs?: Record<string, unknown>
}
