/** An SPL problem at an offset of the search text (after macro expansion; see macros.ts for mapping back). */
export class SplError extends Error {
  constructor(
    /** syntax: not SPL; unsupported: SPL outside ruleproof's subset; macro: unknown or bad macro; runtime: failed on data. */
    readonly kind: 'syntax' | 'unsupported' | 'macro' | 'runtime',
    message: string,
    readonly offset: number,
  ) {
    super(message)
    this.name = 'SplError'
  }
}
