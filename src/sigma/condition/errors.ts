/**
 * A condition string that does not parse. `offset` is 0-based in the condition text; `line` and
 * `column` (1-based) are inside the condition text too (multi-line YAML blocks count lines).
 */
export class SigmaConditionError extends Error {
  readonly offset: number
  readonly line: number
  readonly column: number
  constructor(message: string, text: string, offset: number) {
    super(message)
    this.name = 'SigmaConditionError'
    this.offset = offset
    const before = text.slice(0, offset)
    const nl = before.lastIndexOf('\n')
    this.line = before.split('\n').length
    this.column = offset - nl
  }
}
