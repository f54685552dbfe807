/** The JSON-lines protocol between client.ts and worker.py (see worker.py's docstring). */

export interface GlobalHelper {
  id: string
  file: string
}

export interface DataModelSpec {
  id: string
  logTypes: string[]
  file?: string
  mappings: { name: string; path?: string; method?: string }[]
}

export interface RuleSpec {
  key: string
  ruleId: string
  file: string
  kind: 'rule' | 'scheduled_rule' | 'policy'
  /** YAML Severity, what a severity() returning DEFAULT resolves to. */
  severity: string
  createAlert: boolean
}

export interface Mock {
  objectName: string
  returnValue: string | boolean
}

export type WorkerRequest =
  | { id: number; op: 'ping' }
  | { id: number; op: 'setup'; globals: GlobalHelper[]; dataModels: DataModelSpec[] }
  | ({ id: number; op: 'load' } & RuleSpec)
  /** test: run every auxiliary function, as PAT's test mode does (the worker is never told the expectation). */
  | { id: number; op: 'run'; key: string; log: unknown; mocks?: Mock[]; test: boolean }

/** A request before the client numbers it. */
export type WorkerRequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

/** An exception in user code, located at the deepest frame in a user file. */
export interface PyError {
  type: string
  message: string
  file?: string
  line?: number
  traceback?: string
  id?: string
}

export interface FunctionResult {
  output?: unknown
  error?: PyError
  /** severity only: no severity() function, the YAML Severity applies. */
  default?: boolean
}

export interface RunResult {
  /** rule()/policy() return value; null after an exception. */
  output: boolean | null
  error?: PyError
  /** The test could not be run as written (bad mock, Log not a mapping). */
  harnessError?: string
  /** Did the output equal the alert value (True for rules, False for policies)? Set by the simple-detection evaluator only. */
  trigger?: boolean
  functions: Record<string, FunctionResult>
  /** PAT's verdict, decided by the client (`judge`), never taken from the worker; null outside tests. */
  passed: boolean | null
  stdout: string
  /** Event keys the rule read, dotted, `[]` for list elements. */
  fields: string[]
}

export interface WorkerReply {
  id: number
  ok: boolean
  error?: PyError
  errors?: PyError[]
  result?: RunResult
  python?: string
}
