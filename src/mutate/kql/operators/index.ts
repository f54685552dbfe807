import type { Query } from '../../../kql/ast.js'
import type { QueryOperator } from '../../query/types.js'
import { dropNot, dropPredicate } from './drop-predicate.js'
import { removeListValue } from './remove-list-value.js'
import { swapCase, swapHasContains } from './swap-operator.js'

/** Every KQL mutation operator, in the order mutants are reported. */
export const kqlOperators: readonly QueryOperator<Query>[] = [dropPredicate, dropNot, swapCase, swapHasContains, removeListValue]
