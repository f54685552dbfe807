import type { Pipeline } from '../../../spl/ast.js'
import type { QueryOperator } from '../../query/types.js'
import { dropNot, dropPredicate } from './drop-predicate.js'
import { removeListValue } from './remove-list-value.js'
import { swapAndOr } from './swap-and-or.js'
import { widenValue } from './widen-value.js'

/** Every SPL mutation operator, in the order mutants are reported. */
export const splOperators: readonly QueryOperator<Pipeline>[] = [dropPredicate, dropNot, removeListValue, swapAndOr, widenValue]
