import type { FunctionResult, RunResult } from './worker/protocol.js'

/**
 * PAT's pass rule, applied in Node to what the worker reported: the worker is never told the
 * expectation and its opinion is never asked, so rule code that tampers with the runner can
 * change what a rule returned, not the verdict on it. A test expecting an alert passes when the
 * rule fired and neither it nor an auxiliary function raised; any other test passes when the
 * rule returned the expected value. Auxiliary functions are reported only on tests expecting an
 * alert (they ran on every test, as in PAT's test mode). A result that is not shaped like one
 * is the worker's error, not a verdict.
 */
export function judge(reported: unknown, expected: boolean, alertValue: boolean): RunResult {
  const run = wellFormed(reported)
  if (!run) {
    return { output: null, functions: {}, passed: false, stdout: '', fields: [], harnessError: 'the Python worker returned a malformed result' }
  }
  const judgesFunctions = expected === alertValue
  const functions = judgesFunctions ? run.functions : {}
  let passed: boolean
  if (run.harnessError) passed = false
  else if (judgesFunctions) passed = run.output === alertValue && !run.error && !Object.values(functions).some((f) => f.error)
  else passed = run.output === expected
  return { ...run, functions, passed }
}

function wellFormed(value: unknown): RunResult | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const run = value as Partial<RunResult>
  if (run.output !== null && typeof run.output !== 'boolean') return undefined
  if (run.functions === null || typeof run.functions !== 'object' || Array.isArray(run.functions)) return undefined
  for (const f of Object.values(run.functions) as unknown[]) if (f === null || typeof f !== 'object') return undefined
  if (!Array.isArray(run.fields) || !run.fields.every((f) => typeof f === 'string')) return undefined
  return {
    ...(run as RunResult),
    functions: run.functions as Record<string, FunctionResult>,
    stdout: typeof run.stdout === 'string' ? run.stdout : '',
  }
}
