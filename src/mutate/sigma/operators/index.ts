import type { SigmaOperator } from '../../types.js'
import { changeMatch } from './change-match.js'
import { dropFilter } from './drop-filter.js'
import { dropModifier } from './drop-modifier.js'
import { removeItem } from './remove-item.js'
import { removeSelection } from './remove-selection.js'
import { removeValue } from './remove-value.js'
import { shiftBound } from './shift-bound.js'
import { swapAndOr } from './swap-and-or.js'
import { widenValue } from './widen-value.js'

/** Every Sigma mutation operator, in the order mutants are reported. */
export const sigmaOperators: readonly SigmaOperator[] = [removeValue, removeItem, removeSelection, dropFilter, swapAndOr, changeMatch, dropModifier, widenValue, shiftBound]
