/** A path into a detection: keys and list indexes, e.g. `['selection', 'verb|contains', 1]`. */
export type DetectionPath = (string | number)[]

/**
 * A detection that cannot be compiled. `path` points into the detection object so that callers
 * holding a source map can report `file:line:column`.
 */
export class SigmaCompileError extends Error {
  readonly path: DetectionPath
  /** 1-based column inside the condition string, for condition errors. */
  readonly column?: number
  constructor(message: string, path: DetectionPath, column?: number) {
    super(message)
    this.name = 'SigmaCompileError'
    this.path = path
    if (column !== undefined) this.column = column
  }
}
