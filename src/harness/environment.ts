import type { VariantId } from '../model/variant.js'
import { getVariant } from '../variants/index.js'
import { generatorFamilies } from './families.js'
import type { FamilySource, HarnessEnvironment } from './types.js'

/** The real codecs (src/variants) and scenario families (generators/). */
export function defaultEnvironment(families: FamilySource = generatorFamilies()): HarnessEnvironment {
  return { variant: (id: VariantId) => getVariant(id), families }
}
