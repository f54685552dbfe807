import type { RuleproofConfig } from '../config/types.js'
import type { ResultKind } from '../model/result.js'
import type { LoadedRule } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'
import { expectationResolver } from './expectations.js'
import type { HarnessOptions, ScenarioExpectation } from './types.js'

/** What a caller (CLI flags, defineDetectionSuite options) may set over the config. */
export interface HarnessOverrides {
  variants?: readonly VariantId[] | undefined
  kinds?: readonly ResultKind[] | undefined
  runs?: number | undefined
  seed?: number | undefined
  assumeDataActions?: boolean | undefined
}

/** Harness options from the config, with the caller's settings on top. */
export function harnessOptions(
  config: Partial<RuleproofConfig> | undefined,
  over: HarnessOverrides = {},
  attached?: ReadonlyMap<LoadedRule, ScenarioExpectation>,
): HarnessOptions {
  const o: HarnessOptions = { expectations: expectationResolver(config?.expectations, attached) }
  const variants = over.variants ?? config?.variants
  if (variants) o.variants = variants
  if (over.kinds) o.kinds = over.kinds
  const runs = over.runs ?? config?.runs
  if (runs !== undefined) o.runs = runs
  const seed = over.seed ?? config?.seed
  if (seed !== undefined) o.seed = seed
  const assume = over.assumeDataActions ?? config?.assumeDataActions
  if (assume !== undefined) o.assumeDataActions = assume
  return o
}
