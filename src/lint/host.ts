/** What the linter knows about a Python module named by a Panther `Filename`. */
export interface PythonModuleInfo {
  exists: boolean
  /** Set when the module does not parse (1-based line and column). */
  syntaxError?: { message: string; line: number; column: number }
  /** Top-level `def` names. */
  functions: string[]
  /** Every name the module binds or reads (imports, globals, attributes' roots): what a mock may patch. */
  names: string[]
  /** Set when the module could not be parsed at all (the Python helper failed): why. */
  unchecked?: string
}

/** ReDoS verdict for one pattern. */
export interface RedosVerdict {
  status: 'safe' | 'vulnerable' | 'unknown'
  complexity?: string
  attack?: string
}

/**
 * Facts the caller's I/O edge gathers for the checks; lint/ itself reads no files.
 * Everything is optional: a check whose fact is missing stays silent.
 */
export interface LintHost {
  /** Parse the named Python files (one batch per run). */
  pythonModules?(paths: string[]): Promise<Map<string, PythonModuleInfo>>
  /** ReDoS check with caching (see redos.ts). */
  redos?(pattern: string, flags: string): RedosVerdict
  /** Whether a file exists (Panther `Filename`). */
  fileExists?(path: string): boolean
}

/** The host facts as checks see them, after the engine's gathering pass. */
export interface LintHostData {
  python: ReadonlyMap<string, PythonModuleInfo>
  pythonChecked: boolean
  redos?: (pattern: string, flags: string) => RedosVerdict
  fileExists?: (path: string) => boolean
}
