/** A KQL problem at an offset of the query text (mapped to file:line:column by the loader). */
export class KqlError extends Error {
  readonly offset: number
  readonly kind: 'syntax' | 'unsupported' | 'runtime'
  constructor(kind: 'syntax' | 'unsupported' | 'runtime', message: string, offset: number) {
    super(message)
    this.name = 'KqlError'
    this.kind = kind
    this.offset = offset
  }
}

/** What ruleproof's engine does not implement: an error naming it, never a silent wrong answer. */
export function unsupported(what: string, offset: number): KqlError {
  return new KqlError('unsupported', `unsupported by ruleproof's KQL engine: \`${what}\``, offset)
}
