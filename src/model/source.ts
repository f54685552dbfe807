/** A place in a source file: 1-based line and column, as editors and SARIF count them. */
export interface SourceLocation {
  file: string
  line: number
  column: number
}
