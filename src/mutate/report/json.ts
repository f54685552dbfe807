import type { MutationRun } from '../types.js'

/**
 * Issue #16's shape: `summary` {mutants, killed, survived, equivalent, errors, score} and `mutants`
 * [{rule, file, line, column, operator, diff, status, killedBy, suggestion}]; `rules` (per-rule
 * scores) and each mutant's `change`/`message` come on top.
 */
export function mutationJson(run: MutationRun, relative: (file: string) => string): string {
  return (
    JSON.stringify(
      {
        summary: run.summary,
        rules: run.rules.map((r) => ({ ...r, file: relative(r.file) })),
        mutants: run.mutants.map((m) => ({
          rule: m.rule,
          ...(m.title ? { title: m.title } : {}),
          file: relative(m.file),
          line: m.line,
          column: m.column,
          operator: m.operator,
          change: m.change,
          diff: m.diff,
          status: m.status,
          killedBy: m.killedBy,
          suggestion: m.suggestion ?? null,
          ...(m.message ? { message: m.message } : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  )
}
