import type { ResultKind } from '../model/result.js'

/** What each generated test carries for reporters (`testCase.meta().ruleproof`). */
export interface RuleproofTaskMeta {
  rule: string
  file: string
  line: number
  variant: string
  /** `lint` for the test of a file's lint findings. */
  kind: ResultKind | 'lint'
}

declare module 'vitest' {
  interface TaskMeta {
    ruleproof?: RuleproofTaskMeta
  }
}
