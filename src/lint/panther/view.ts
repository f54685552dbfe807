import path from 'node:path'
import type { YamlPath } from '../../shared/yaml/index.js'
import type { PythonModuleInfo } from '../host.js'

/** One Panther analysis document as checks see it. */
export interface PantherRuleView {
  file: string
  document: number
  value: Record<string, unknown>
  analysisType: string | undefined
  /** RuleID / PolicyID / … whichever the type uses. */
  id: string | undefined
  idKey: string
  logTypes: string[]
  /** Resolved path of `Filename`, when given. */
  pythonPath: string | undefined
  /** Facts about that module, when the host gathered them. */
  python: PythonModuleInfo | undefined
  tests: PantherTestView[]
}

export interface PantherTestView {
  rule: PantherRuleView
  index: number
  path: YamlPath
  value: Record<string, unknown>
  name: string | undefined
  expected: unknown
  /** `Log` (rules) or `Resource` (policies). */
  log: unknown
  /** `p_log_type` of the log, when written. */
  logType: string | undefined
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

const ID_KEYS = ['RuleID', 'PolicyID', 'DataModelID', 'GlobalID', 'QueryName', 'PackID', 'LookupName', 'PromptName']

export function isPantherDocument(value: unknown): value is Record<string, unknown> {
  return isMap(value) && 'AnalysisType' in value
}

export function pantherPythonPath(file: string, value: Record<string, unknown>): string | undefined {
  return typeof value.Filename === 'string' && value.Filename !== '' ? path.join(path.dirname(file), value.Filename) : undefined
}

export function pantherView(file: string, document: number, value: Record<string, unknown>, python: ReadonlyMap<string, PythonModuleInfo>): PantherRuleView {
  const idKey = ID_KEYS.find((k) => k in value) ?? 'RuleID'
  const pythonPath = pantherPythonPath(file, value)
  const view: PantherRuleView = {
    file,
    document,
    value,
    analysisType: typeof value.AnalysisType === 'string' ? value.AnalysisType : undefined,
    id: typeof value[idKey] === 'string' ? (value[idKey] as string) : undefined,
    idKey,
    logTypes: Array.isArray(value.LogTypes) ? value.LogTypes.filter((t): t is string => typeof t === 'string') : [],
    pythonPath,
    python: pythonPath === undefined ? undefined : python.get(pythonPath),
    tests: [],
  }
  const tests = Array.isArray(value.Tests) ? value.Tests : []
  tests.forEach((t, index) => {
    if (!isMap(t)) return
    const log = 'Log' in t ? t.Log : t.Resource
    const logType = isMap(log) && typeof log.p_log_type === 'string' ? log.p_log_type : undefined
    view.tests.push({
      rule: view,
      index,
      path: ['Tests', index],
      value: t,
      name: typeof t.Name === 'string' ? t.Name : undefined,
      expected: t.ExpectedResult,
      log,
      logType,
    })
  })
  return view
}
