/**
 * The Sigma condition tree: an immutable union of `and`, `or`, `not`, `id` and `of` nodes.
 * Every node carries the 0-based `[start, end)` span it was parsed from.
 */

export interface Span {
  readonly start: number
  readonly end: number
}

/** `a and b and c` (n-ary; a parenthesised `and` stays its own node). */
export interface AndNode extends Span {
  readonly type: 'and'
  readonly args: readonly ConditionNode[]
}
export interface OrNode extends Span {
  readonly type: 'or'
  readonly args: readonly ConditionNode[]
}
export interface NotNode extends Span {
  readonly type: 'not'
  readonly arg: ConditionNode
}
/** A reference to one detection (selection) by name. */
export interface IdNode extends Span {
  readonly type: 'id'
  readonly name: string
}
/**
 * `1 of P` / `all of P` (`any of` is read as `1 of`). `target` is `them` or an identifier
 * pattern where `*` matches any sequence.
 */
export interface OfNode extends Span {
  readonly type: 'of'
  readonly quantifier: '1' | 'all'
  readonly target: string
}

export type ConditionNode = AndNode | OrNode | NotNode | IdNode | OfNode
