import path from 'node:path'
import type { Result, ResultStatus } from '../model/result.js'
import type { TestCase } from '../model/rule.js'
import { variantForPantherLogType } from '../variants/index.js'
import type { Outcome } from './worker/client.js'
import type { PyError, RunResult, WorkerReply } from './worker/protocol.js'
import { extraOf } from './test-cases.js'
import type { TestExpectations } from './sidecar.js'

/** A Panther result: the common Result plus the auxiliary outputs and what the rule printed. */
export type PantherResult = Result & {
  outputs?: Record<string, unknown>
  stdout?: string
}

export interface RuleInfo {
  id: string
  file: string
  /** YAML Severity, upper-cased (what DEFAULT means). */
  severity: string
}

/** `file:line: Type: message` of a Python exception, relative to the working directory. */
export function describeError(error: PyError): string {
  const where = error.file ? `${path.relative(process.cwd(), error.file) || error.file}${error.line ? `:${error.line}` : ''}: ` : ''
  return `${where}${error.type}: ${error.message}`
}

const FN_LABEL: Record<string, string> = { alert_context: 'alert_context' }

/** The aux outputs of a run, by function name (title, dedup, severity, alert_context, …). */
export function outputsOf(run: RunResult): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(run.functions)) if (fn.output !== undefined) out[FN_LABEL[name] ?? name] = fn.output
  return out
}

function expectationFailures(exp: TestExpectations | undefined, outputs: Record<string, unknown>, yamlSeverity: string): string[] {
  if (!exp) return []
  const problems: string[] = []
  if (exp.title !== undefined && outputs.title !== exp.title) {
    problems.push(`title: expected ${JSON.stringify(exp.title)}, got ${JSON.stringify(outputs.title ?? null)}`)
  }
  if (exp.dedup !== undefined && outputs.dedup !== exp.dedup) {
    problems.push(`dedup: expected ${JSON.stringify(exp.dedup)}, got ${JSON.stringify(outputs.dedup ?? null)}`)
  }
  if (exp.severity !== undefined) {
    const want = exp.severity.toUpperCase() === 'DEFAULT' ? yamlSeverity : exp.severity.toUpperCase()
    const got = typeof outputs.severity === 'string' ? outputs.severity.toUpperCase() : outputs.severity
    if (got !== want) problems.push(`severity: expected ${want}, got ${JSON.stringify(got ?? null)}`)
  }
  if (exp.alertContext !== undefined && canonical(outputs.alert_context) !== canonical(exp.alertContext)) {
    problems.push(`alert_context: expected ${canonical(exp.alertContext)}, got ${canonical(outputs.alert_context ?? null)}`)
  }
  return problems
}

/** JSON with sorted keys, so equality ignores key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/** The test's variant; a log type ruleproof has no variant for is reported by its Panther name. */
export function variantLabel(test: TestCase): string {
  const logType = extraOf(test).logType
  return logType && !variantForPantherLogType(logType) ? logType : test.variant
}

const expectation = (b: boolean): 'match' | 'no-match' => (b ? 'match' : 'no-match')

/** Turns a worker outcome for one test into a Result, with PAT's verdict and the sidecar's checks. */
export function resultOf(rule: RuleInfo, test: TestCase, outcome: Outcome, alertValue = true): PantherResult {
  const base: PantherResult = {
    rule: rule.id,
    file: rule.file,
    line: test.location.line,
    test: test.name,
    variant: variantLabel(test),
    kind: 'embedded',
    status: 'error',
    expected: expectation(test.expect),
  }
  if (outcome.kind === 'timeout') {
    return { ...base, message: `timed out after ${outcome.ms} ms (the worker was killed and restarted; module state of other rules was re-imported)` }
  }
  if (outcome.kind === 'crash') return { ...base, message: outcome.message }
  const reply = outcome.reply as WorkerReply
  if (!reply.ok || !reply.result) {
    return { ...base, message: reply.error ? describeError(reply.error) : 'the worker gave no result' }
  }
  return resultOfRun(rule, test, reply.result, alertValue)
}

export function resultOfRun(rule: RuleInfo, test: TestCase, run: RunResult, alertValue = true): PantherResult {
  const outputs = outputsOf(run)
  const fired = run.output === alertValue
  const result: PantherResult = {
    rule: rule.id,
    file: rule.file,
    line: test.location.line,
    test: test.name,
    variant: variantLabel(test),
    kind: 'embedded',
    status: 'pass',
    expected: expectation(test.expect),
    // In ExpectedResult's terms (a policy's True is compliant), like `expected`.
    actual: run.output === null ? undefined : expectation(run.output),
  }
  if (Object.keys(outputs).length) result.outputs = outputs
  if (run.stdout) result.stdout = run.stdout
  const printed = run.stdout ? `\nprinted:\n${run.stdout.replace(/\s+$/, '')}` : ''
  let status: ResultStatus = 'pass'
  let message: string | undefined
  if (run.harnessError) {
    status = 'error'
    message = run.harnessError
  } else if (run.error) {
    status = 'error'
    message = `${fnName(alertValue)}() raised ${describeError(run.error)}`
  } else if (!run.passed) {
    status = 'fail'
    const auxErrors = Object.entries(run.functions).filter(([, f]) => f.error)
    if (run.output === test.expect && auxErrors.length) {
      message = auxErrors.map(([name, f]) => `${name}() raised ${describeError(f.error as PyError)}`).join('; ')
    } else {
      message = `expected ${expectation(test.expect)}, ${fnName(alertValue)}() returned ${run.output === null ? 'nothing' : pyBool(run.output)}`
    }
  } else if (fired) {
    const problems = expectationFailures(extraOf(test).expectations, outputs, rule.severity)
    if (problems.length) {
      status = 'fail'
      message = problems.join('; ')
    }
  }
  result.status = status
  if (message !== undefined || printed) result.message = `${message ?? ''}${printed}`.replace(/^\n/, '')
  return result
}

function fnName(alertValue: boolean): string {
  return alertValue ? 'rule' : 'policy'
}

function pyBool(b: boolean): string {
  return b ? 'True' : 'False'
}
