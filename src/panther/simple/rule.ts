import type { EvaluateOptions, LoadedRule, TestCase } from '../../model/rule.js'
import type { VariantId } from '../../model/variant.js'
import type { Verdict } from '../../model/verdict.js'
import { resultOfRun, type PantherResult, type RuleInfo } from '../results.js'
import type { FunctionResult, RunResult } from '../worker/protocol.js'
import { matchExpressions } from './evaluate.js'
import { keySteps, keyText, parseKeyPath, resolveSteps } from './keys.js'

export interface SimpleRuleInit {
  info: RuleInfo
  title: string
  location: LoadedRule['location']
  variants: VariantId[]
  tests: TestCase[]
  /** ATT&CK techniques of `Reports: MITRE ATT&CK`. */
  techniques?: string[]
  spec: Record<string, unknown>
}

/**
 * A Simple Detection (`Detection:` in the YAML) evaluated natively. Its alert outputs follow
 * its YAML: `AlertTitle` with `{key.path}` placeholders, `GroupBy` values joined by `:` as the
 * dedup string, the first matching `DynamicSeverities` entry, and `AlertContext` key/values.
 */
export function simpleRule(init: SimpleRuleInit): LoadedRule {
  const spec = init.spec
  const fields = new Map<VariantId, Set<string>>()

  function run(event: unknown, variant: VariantId, expected: boolean | null): RunResult {
    const reads = new Set<string>()
    const isMapping = event !== null && typeof event === 'object' && !Array.isArray(event)
    const result: RunResult = { output: null, functions: {}, passed: null, stdout: '', fields: [] }
    if (!isMapping) {
      result.harnessError = `the test's Log is a ${Array.isArray(event) ? 'list' : typeof event}, not a mapping`
      result.passed = expected === null ? null : false
      return result
    }
    const filtersPass = spec.InlineFilters === undefined || matchExpressions(spec.InlineFilters, event, reads)
    result.output = filtersPass && matchExpressions(spec.Detection, event, reads)
    result.trigger = result.output
    if (result.output) result.functions = alertOutputs(init.info, spec, event, reads)
    let set = fields.get(variant)
    if (!set) fields.set(variant, (set = new Set()))
    for (const f of reads) set.add(f)
    result.fields = [...reads].sort()
    result.passed = expected === null ? null : expected === result.output
    return result
  }

  return {
    format: 'panther',
    id: init.info.id,
    title: init.title,
    file: init.info.file,
    location: init.location,
    variants: init.variants,
    tests: init.tests,
    ...(init.techniques ? { techniques: init.techniques } : {}),
    async evaluate(record: unknown, variant: VariantId, _options?: EvaluateOptions): Promise<Verdict> {
      const r = run(record, variant, null)
      if (r.harnessError) throw new Error(`${init.info.id}: ${r.harnessError}`)
      const outputs: Record<string, unknown> = {}
      for (const [k, f] of Object.entries(r.functions)) outputs[k] = f.output
      return { match: r.output === true, outputs }
    },
    async runTest(test: TestCase): Promise<PantherResult> {
      return resultOfRun(init.info, test, run(test.event, test.variant, test.expect))
    },
    fieldsRead(variant: VariantId): string[] | undefined {
      const set = fields.get(variant)
      return set ? [...set].sort() : undefined
    },
  }
}

function valueText(value: unknown): string {
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function at(event: unknown, keyPath: string, reads: Set<string>): unknown {
  try {
    const steps = parseKeyPath(keyPath)
    reads.add(keyText(steps))
    return resolveSteps(event, steps).values[0]
  } catch {
    return undefined
  }
}

function alertOutputs(info: RuleInfo, spec: Record<string, unknown>, event: unknown, reads: Set<string>): Record<string, FunctionResult> {
  const out: Record<string, FunctionResult> = {}
  let title: string | undefined
  if (typeof spec.AlertTitle === 'string') {
    title = spec.AlertTitle.replace(/\{([^{}]+)\}/g, (_m, key: string) => valueText(at(event, key.trim(), reads)))
    out.title = { output: title }
  }
  if (Array.isArray(spec.GroupBy) && spec.GroupBy.length) {
    const parts = spec.GroupBy.map((g) => {
      const steps = keySteps(g as Record<string, unknown>)
      if (!steps) return ''
      reads.add(keyText(steps))
      return valueText(resolveSteps(event, steps).values[0])
    })
    out.dedup = { output: parts.join(':') || `defaultDedupString:${info.id}` }
  } else {
    out.dedup = { output: title || `defaultDedupString:${info.id}` }
  }
  let severity = info.severity
  if (Array.isArray(spec.DynamicSeverities)) {
    for (const d of spec.DynamicSeverities as Record<string, unknown>[]) {
      if (d && matchExpressions(d.Conditions, event, reads)) {
        severity = String(d.ChangeTo).toUpperCase()
        break
      }
    }
  }
  out.severity = { output: severity }
  if (Array.isArray(spec.AlertContext)) {
    const ctx: Record<string, unknown> = {}
    for (const item of spec.AlertContext as Record<string, unknown>[]) {
      const steps = item?.KeyValue ? keySteps(item.KeyValue as Record<string, unknown>) : undefined
      if (!steps || typeof item.KeyName !== 'string') continue
      reads.add(keyText(steps))
      ctx[item.KeyName] = resolveSteps(event, steps).values[0] ?? null
    }
    out.alert_context = { output: ctx }
  }
  return out
}
