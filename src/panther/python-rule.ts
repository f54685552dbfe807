import type { EvaluateOptions, LoadedRule, TestCase } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import type { Verdict } from '../model/verdict.js'
import { matchExpressions } from './simple/evaluate.js'
import { extraOf, logTypeOfVariant } from './test-cases.js'
import { judge } from './judge.js'
import { describeError, outputsOf, resultOf, type PantherResult, type RuleInfo } from './results.js'
import type { Outcome } from './worker/client.js'
import type { WorkerHandle } from './worker/lanes.js'
import type { RunResult } from './worker/protocol.js'

export interface PythonRuleInit {
  info: RuleInfo
  title: string
  location: LoadedRule['location']
  variants: VariantId[]
  tests: TestCase[]
  /** ATT&CK techniques of `Reports: MITRE ATT&CK`. */
  techniques?: string[]
  /** Key the rule module is registered under in the worker. */
  key: string
  kind: 'rule' | 'scheduled_rule' | 'policy'
  /** InlineFilters (applied before the rule, as Panther's backend does). */
  inlineFilters?: unknown
  worker: () => Promise<WorkerHandle>
}

/** A Panther Python detection whose tests and evaluations run in the shared worker. */
export function pythonRule(init: PythonRuleInit): LoadedRule & { readonly fields: Map<VariantId, Set<string>> } {
  const fields = new Map<VariantId, Set<string>>()
  const alertValue = init.kind !== 'policy'
  const record = (variant: VariantId, run: RunResult): void => {
    let set = fields.get(variant)
    if (!set) fields.set(variant, (set = new Set()))
    for (const f of run.fields) set.add(f)
  }

  const filtered = (event: unknown, variant: VariantId): boolean => {
    if (init.inlineFilters === undefined) return false
    const reads = new Set<string>()
    const pass = matchExpressions(init.inlineFilters, event, reads)
    let set = fields.get(variant)
    if (!set) fields.set(variant, (set = new Set()))
    for (const f of reads) set.add(f)
    return !pass
  }

  async function run(log: unknown, test: TestCase | undefined, testMode: boolean): Promise<Outcome> {
    const worker = await init.worker()
    return worker.request({
      op: 'run',
      key: init.key,
      log,
      mocks: test ? extraOf(test).mocks : [],
      test: testMode,
    })
  }

  const rule: LoadedRule & { readonly fields: Map<VariantId, Set<string>> } = {
    format: 'panther',
    id: init.info.id,
    title: init.title,
    file: init.info.file,
    location: init.location,
    variants: init.variants,
    tests: init.tests,
    ...(init.techniques ? { techniques: init.techniques } : {}),
    fields,

    async evaluate(record: unknown, variant: VariantId, options: EvaluateOptions = {}): Promise<Verdict> {
      const log = withLogType(record, variant)
      if (filtered(log, variant)) return { match: false, outputs: { filteredBy: 'InlineFilters' } }
      const outcome = await run(log, options.test, false)
      if (outcome.kind === 'timeout') throw new Error(`${init.info.id}: timed out after ${outcome.ms} ms`)
      if (outcome.kind === 'crash') throw new Error(`${init.info.id}: ${outcome.message}`)
      const reply = outcome.reply
      if (!reply.ok || !reply.result) throw new Error(`${init.info.id}: ${reply.error ? describeError(reply.error) : 'no result'}`)
      const result = reply.result
      recordFields(variant, result)
      if (result.harnessError) throw new Error(`${init.info.id}: ${result.harnessError}`)
      if (result.error) throw new Error(`${init.info.id}: ${alertValue ? 'rule' : 'policy'}() raised ${describeError(result.error)}`)
      const outputs = outputsOf(result)
      if (result.stdout) outputs.stdout = result.stdout
      return { match: result.output === alertValue, outputs }
    },

    async runTest(test: TestCase): Promise<PantherResult> {
      if (filtered(test.event, test.variant)) {
        const run: RunResult = { output: !alertValue, functions: {}, passed: test.expect === false, stdout: '', fields: [] }
        const result = resultOf(init.info, test, { kind: 'reply', reply: { id: 0, ok: true, result: run } }, alertValue)
        result.message = [result.message, 'InlineFilters excluded the event; the rule was not run'].filter(Boolean).join('; ')
        return result
      }
      const outcome = await run(test.event, test, true)
      if (outcome.kind === 'reply' && outcome.reply.ok && outcome.reply.result !== undefined) {
        const judged = judge(outcome.reply.result, test.expect, alertValue)
        recordFields(test.variant, judged)
        return resultOf(init.info, test, { kind: 'reply', reply: { ...outcome.reply, result: judged } }, alertValue)
      }
      return resultOf(init.info, test, outcome, alertValue)
    },

    fieldsRead(variant: VariantId): string[] | undefined {
      const set = fields.get(variant)
      return set ? [...set].sort() : undefined
    },
  }
  function recordFields(variant: VariantId, result: RunResult): void {
    record(variant, result)
  }
  return rule
}

/** Replayed records of a variant get its Panther log type when they carry none (it picks the data model). */
function withLogType(record: unknown, variant: VariantId): unknown {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return record
  const rec = record as Record<string, unknown>
  if (typeof rec.p_log_type === 'string' && rec.p_log_type) return record
  const logType = logTypeOfVariant(variant)
  return logType ? { ...rec, p_log_type: logType } : record
}
