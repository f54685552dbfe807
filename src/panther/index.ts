import type { Finding } from '../model/result.js'
import type { LoadedRule, TestCase } from '../model/rule.js'
import { discoverPantherFiles } from './load/discover.js'
import { CHECKS, isPantherDocument, loadSpecs, type PantherSpec, type SpecOptions } from './load/specs.js'
import { pythonRule } from './python-rule.js'
import { variantLabel, type PantherResult, type RuleInfo } from './results.js'
import { loadSidecar, sidecarPath, type Sidecar } from './sidecar.js'
import { simpleRule } from './simple/rule.js'
import { correlationRule } from './correlation/rule.js'
import { claimedVariants, testCases } from './test-cases.js'
import { availableParallelism } from 'node:os'
import { PantherWorker, type WorkerOptions } from './worker/client.js'
import { LanePool, type WorkerLane } from './worker/lanes.js'
import type { DataModelSpec, GlobalHelper, RuleSpec, WorkerRequestBody } from './worker/protocol.js'
import { namespaceSupport, raisedLimits, type SandboxLimits } from './worker/sandbox.js'
import { pantherTechniques } from '../shared/attack.js'

export { isPantherDocument, loadSpecs as loadPantherSpecs, loadSpecText as validatePantherText, CHECKS as PANTHER_CHECKS } from './load/specs.js'
export type { PantherSpec, SpecOptions } from './load/specs.js'
export { discoverPantherFiles } from './load/discover.js'
export { KNOWN_LOG_TYPES, isKnownLogType } from './load/log-types.js'
export { matchExpressions } from './simple/evaluate.js'
export { PantherWorker, pythonCommand, DEFAULT_TIMEOUT_MS } from './worker/client.js'
export { DEFAULT_LIMITS, type SandboxLimits } from './worker/sandbox.js'
export type { PantherResult } from './results.js'
export type { PantherTestExtra } from './test-cases.js'
export type { Sidecar, TestExpectations } from './sidecar.js'

export interface PantherLoadOptions extends SpecOptions {
  /** Python interpreter (default RULEPROOF_PYTHON, then python3). */
  python?: string
  /** Per-test time limit in ms. @defaultValue 5000 */
  timeoutMs?: number
  /** Resolves relative paths. @defaultValue process.cwd() */
  cwd?: string
  /** Environment variables rule code gets besides the allow-list (`panther.env`). */
  env?: string[]
  /** Resource limits of the worker (defaults: DEFAULT_LIMITS). */
  limits?: SandboxLimits
  /** One fresh worker per rule file, without network where the platform allows (`--isolate`). */
  isolate?: boolean
  /**
   * What the repository's config file asked for itself: reported as notes, since a pull request
   * can change it (docs/security.md).
   */
  fromConfig?: { file: string; python?: string; limits?: SandboxLimits; env?: string[] }
}

export interface PantherLoad {
  rules: LoadedRule[]
  findings: Finding[]
  /** Stops the Python worker. */
  close(): Promise<void>
}

const DETECTIONS = new Set(['rule', 'scheduled_rule', 'policy'])

/**
 * Loads Panther analysis files (files or folders, walked as PAT walks them), validates them as
 * PAT does, and returns runnable rules: Python detections run in one long-lived worker (started
 * here when there is at least one; a missing interpreter throws one UsageError), Simple
 * Detections natively. Invalid specs and rules whose module cannot be imported are findings,
 * not rules — PAT reports them as invalid and runs none of their tests.
 */
export async function loadPantherRules(files: string[], options: PantherLoadOptions = {}): Promise<PantherLoad> {
  const cwd = options.cwd ?? process.cwd()
  const paths = discoverPantherFiles(files, { cwd })
  const { specs, findings } = loadSpecs(paths, options)
  const byId = new Map(specs.filter((s) => s.id !== undefined).map((s) => [s.id as string, s]))

  const globals: GlobalHelper[] = []
  const dataModels: DataModelSpec[] = []
  for (const spec of specs) {
    if (!spec.valid) continue
    if (spec.type === 'global' && spec.body) globals.push({ id: spec.id as string, file: spec.body })
    if (spec.type === 'datamodel' && spec.value.Enabled === true) dataModels.push(dataModelOf(spec))
  }

  const workerOptions: WorkerOptions = {
    ...(options.python ? { python: options.python } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  }
  const noteAt = { file: options.fromConfig?.file ?? paths[0] ?? cwd, line: 1, column: 1 }
  const note = (message: string): void => {
    findings.push({ check: CHECKS.sandbox, severity: 'note', ...noteAt, message })
  }
  trustNotes(options, note)
  if (options.isolate) {
    const ns = namespaceSupport()
    if (ns.ok) workerOptions.namespaces = true
    else note(`--isolate: rule code keeps network access: ${ns.why}`)
  }
  let setupDone = false
  const workerNotes = new Set<string>()
  let executable: string | undefined
  const pool = new LanePool(
    async () => {
      const w = await PantherWorker.start(executable ? { ...workerOptions, python: executable } : workerOptions)
      executable ??= w.executable
      for (const n of w.notes) if (!workerNotes.has(n)) workerNotes.add(n) && note(`Python worker: ${n}`)
      return w
    },
    options.isolate ? Math.max(2, availableParallelism()) : 1,
    (body, outcome) => {
      if (body.op !== 'setup' || setupDone) return
      setupDone = true
      if (outcome.kind !== 'reply') return
      for (const err of outcome.reply.errors ?? []) {
        const spec = specs.find((s) => s.type === 'datamodel' && s.id === err.id)
        const loc = spec ? spec.map.value(['Mappings']) : { file: err.file ?? '', line: err.line ?? 1, column: 1 }
        findings.push({ check: CHECKS.setup, severity: 'error', ...loc, message: `data model ${err.id}: ${err.type}: ${err.message}` })
      }
    },
    options.isolate ? 2 : 0,
  )
  const setup: WorkerRequestBody = { op: 'setup', globals, dataModels }
  const lanes = new Map<string, WorkerLane>()
  const laneOf = (file: string): WorkerLane => {
    const key = options.isolate ? file : ''
    let lane = lanes.get(key)
    if (!lane) lanes.set(key, (lane = pool.lane([setup])))
    return lane
  }

  const rules: LoadedRule[] = []
  const imports: Promise<void>[] = []
  let keyCounter = 0
  for (const spec of specs) {
    if (!spec.valid || spec.id === undefined) continue
    const derivedFrom = typeof spec.value.BaseDetection === 'string' ? spec.value.BaseDetection : undefined
    if (spec.type === 'correlation_rule') {
      rules.push(correlationRule({ id: spec.id, file: spec.file, value: spec.value, map: spec.map }))
      // Sidecar expectations are about one event's alert outputs; a correlation test has none.
      const ignored = sidecarPath(spec.file)
      if (ignored) findings.push({ check: CHECKS.sidecar, severity: 'warning', file: ignored, line: 1, column: 1, rule: spec.id, message: `${spec.id} is a correlation rule: its sidecar is not read (correlation tests have no alert outputs to check)` })
      continue
    }
    if (!DETECTIONS.has(spec.type) && !derivedFrom) continue
    const base = derivedFrom ? byId.get(derivedFrom) : spec
    if (!base || !base.valid) {
      findings.push(at(spec, ['BaseDetection'], 'warning', `base detection '${derivedFrom}' is not in the loaded files; PAT skips this derived detection offline`))
      continue
    }
    const sidecarFile = sidecarPath(spec.file)
    const sidecar: Sidecar | undefined = sidecarFile ? loadSidecar(sidecarFile, findings) : undefined
    const merged = derivedFrom ? { ...base.value, ...spec.value, Tests: spec.value.Tests ?? base.value.Tests } : spec.value
    const tests: TestCase[] = testCases({ ...spec, value: merged }, merged.Tests, sidecar, findings)
    const info: RuleInfo = {
      id: spec.id,
      file: spec.file,
      severity: typeof merged.Severity === 'string' ? merged.Severity.toUpperCase() : 'INFO',
    }
    const common = {
      info,
      title: typeof merged.DisplayName === 'string' ? merged.DisplayName : spec.id,
      location: spec.map.key([spec.type === 'policy' ? 'PolicyID' : 'RuleID']),
      variants: claimedVariants(Array.isArray(merged.LogTypes) ? merged.LogTypes : []),
      tests,
      techniques: pantherTechniques(merged.Reports),
    }
    if ('Detection' in base.value && !base.body) {
      const simple = simpleRule({ ...common, spec: merged })
      // ruleproof mutate: the same rule with another Detection; positions from the spec that wrote it.
      const detectionMap = 'Detection' in spec.value ? spec.map : base.map
      Object.assign(simple, {
        detection: merged.Detection,
        withDetection: (detection: unknown) => simpleRule({ ...common, spec: { ...merged, Detection: detection } }),
        locate: (path: (string | number)[], at: 'key' | 'value') => (at === 'key' ? detectionMap.key(['Detection', ...path]) : detectionMap.value(['Detection', ...path])),
      } satisfies SimpleMutable)
      rules.push(simple)
      continue
    }
    if (!base.body) continue
    const key = `r${++keyCounter}`
    const kind = base.type as RuleSpec['kind']
    const load: Omit<RuleSpec, never> & { op: 'load' } = {
      op: 'load',
      key,
      ruleId: spec.id,
      file: base.body,
      kind,
      severity: info.severity,
      createAlert: merged.CreateAlert !== false,
    }
    const lane = laneOf(base.body)
    const rule = pythonRule({ ...common, key, kind, inlineFilters: merged.InlineFilters, worker: () => Promise.resolve(lane) })
    // ruleproof mutate: the same rule with another module body, loaded in the same worker lane.
    const body = base.body
    const withBody: MutableRule['withBody'] = async (file) => {
      const mutant = { ...load, key: `r${++keyCounter}`, file }
      const outcome = await lane.request(mutant)
      if (outcome.kind !== 'reply' || !outcome.reply.ok) {
        throw new Error(outcome.kind === 'reply' ? `${outcome.reply.error?.type ?? 'Error'}: ${outcome.reply.error?.message ?? 'import failed'}` : outcome.kind === 'timeout' ? `import timed out after ${outcome.ms} ms` : outcome.message)
      }
      return pythonRule({ ...common, key: mutant.key, kind, inlineFilters: merged.InlineFilters, worker: () => Promise.resolve(lane) })
    }
    Object.assign(rule, { body, withBody })
    imports.push(
      lane.request(load).then(async (outcome) => {
        if (outcome.kind === 'reply' && outcome.reply.ok) {
          lane.remember(load)
          rules.push(rule)
          return
        }
        const why =
          outcome.kind === 'timeout'
            ? `importing the rule module timed out after ${outcome.ms} ms`
            : outcome.kind === 'crash'
              ? outcome.message
              : `${outcome.reply.error?.type ?? 'Error'}: ${outcome.reply.error?.message ?? 'import failed'}`
        const err = outcome.kind === 'reply' ? outcome.reply.error : undefined
        const loc = err?.file && err.line ? { file: err.file, line: err.line, column: 1 } : spec.map.value(['Filename'])
        findings.push({ check: CHECKS.setup, severity: 'error', ...loc, rule: spec.id as string, message: `${spec.id}: cannot set up the rule module: ${why}` })
      }),
    )
  }
  const closeAll = async (): Promise<void> => {
    await Promise.all([...lanes.values()].map((l) => l.close()))
    await pool.close()
  }
  try {
    await Promise.all(imports)
  } catch (e) {
    await closeAll()
    throw e
  }
  // Keep the files' order regardless of when each import finished.
  const order = new Map(specs.map((s, i) => [s.id, i]))
  rules.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
  return {
    rules,
    findings,
    close: closeAll,
  }
}

/** Notes on what the repository's own config asked for: a pull request can change it. */
function trustNotes(options: PantherLoadOptions, note: (message: string) => void): void {
  const from = options.fromConfig
  if (!from) return
  const name = from.file.split(/[\\/]/).pop()
  if (from.python !== undefined && from.python === options.python) {
    note(`Panther rules run with the interpreter ${name} names (python: ${from.python}); take the config from the base branch when testing untrusted pull requests (docs/security.md)`)
  }
  const raised = raisedLimits(from.limits)
  if (raised.length) note(`${name} raises the Python worker's limits (${raised.join(', ')})`)
  if (from.env?.length) note(`${name} passes environment variables to rule code: ${from.env.join(', ')}`)
}

function dataModelOf(spec: PantherSpec): DataModelSpec {
  const mappings = Array.isArray(spec.value.Mappings) ? (spec.value.Mappings as Record<string, unknown>[]) : []
  const model: DataModelSpec = {
    id: spec.id as string,
    logTypes: (spec.value.LogTypes as string[]) ?? [],
    mappings: mappings.map((m) => ({
      name: String(m.Name),
      ...(typeof m.Path === 'string' ? { path: m.Path } : {}),
      ...(typeof m.Method === 'string' ? { method: m.Method } : {}),
    })),
  }
  if (spec.body) model.file = spec.body
  return model
}

function at(spec: PantherSpec, path: (string | number)[], severity: Finding['severity'], message: string): Finding {
  const loc = spec.map.value(path)
  return { check: CHECKS.setup, severity, file: spec.file, line: loc.line, column: loc.column, message, ...(spec.id ? { rule: spec.id } : {}) }
}

/** A Python rule `ruleproof mutate` can reload with a mutated module (same id, tests, lane). */
export interface MutableRule {
  /** The rule module's file. */
  body: string
  withBody(file: string): Promise<LoadedRule>
}

export function isMutableRule(rule: LoadedRule): rule is LoadedRule & MutableRule {
  return typeof (rule as Partial<MutableRule>).withBody === 'function' && typeof (rule as Partial<MutableRule>).body === 'string'
}

/** A Simple Detection `ruleproof mutate` can rebuild with another `Detection` list. */
export interface SimpleMutable {
  detection: unknown
  withDetection(detection: unknown): LoadedRule
  locate(path: (string | number)[], at: 'key' | 'value'): { file: string; line: number; column: number }
}

export function isSimpleMutable(rule: LoadedRule): rule is LoadedRule & SimpleMutable {
  return typeof (rule as Partial<SimpleMutable>).withDetection === 'function'
}
