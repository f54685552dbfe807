import type { SourceLocation } from './source.js'
import type { VariantId } from './variant.js'

/**
 * A declared gap for generated events: on these variants, actions of these families may get
 * another verdict than declared (scenario) or than on the rule's other variants (consistency),
 * for a reason. Reported as a visible gap, like a test's per-variant override.
 */
export interface GeneratedGap {
  families: string[]
  variants: VariantId[]
  reason: string
}

/** A rule's scenario declaration: families (names or globs like `atomic.*`) it must match / ignore. */
export interface ScenarioExpectation {
  match: string[]
  ignore: string[]
  gaps?: GeneratedGap[]
  /** Where it is declared (rule file, sidecar or config); results point there. */
  location?: SourceLocation
  /** Where each family glob is declared, when declared one by one (Sigma `tests:` items); else `location`. */
  locations?: Readonly<Record<string, SourceLocation>>
}
