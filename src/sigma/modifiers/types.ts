import type { SigmaValue, ValueType } from '../values/types.js'

/** What a modifier may consult while it transforms a value. */
export interface ModifierContext {
  /** `|expand` placeholder values. */
  placeholders: Readonly<Record<string, readonly string[]>>
  /** Modifiers of the chain before this one (names as written). */
  before: readonly string[]
}

/**
 * One Sigma value modifier, declared as data (style.md item 8). `scope: 'list'` modifiers (`all`,
 * `neq`) change how the item's values are linked and never touch a value.
 */
export interface ModifierDef {
  name: string
  /** Other spellings accepted (pySigma's long regex flag names, `wide`). */
  aliases: readonly string[]
  family: 'strings' | 'encodings' | 'regex' | 'comparison' | 'time' | 'list'
  scope: 'value' | 'list'
  /** Value types the modifier takes (empty for list modifiers). */
  accepts: readonly ValueType[]
  /** Value types it can produce. */
  returns: readonly ValueType[]
  /** Must be the first modifier of the chain (`re`, `cidr`, `exists`). */
  first?: boolean
  /** One line for docs and lint messages. */
  description: string
  /**
   * Transforms one value (expansions are mapped element-wise by the engine unless the modifier
   * accepts `expansion`). Throws `ModifierError` for bad input.
   */
  apply?(value: SigmaValue, ctx: ModifierContext): SigmaValue
}

/** A modifier rejected its input; the compiler adds the location. */
export class ModifierError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ModifierError'
  }
}
