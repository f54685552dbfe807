import type { SigmaOperator } from '../../types.js'
import { describeNode, withoutAndOperands } from '../detection.js'

/** Drops one positive operand of an `and` in the condition (`not` operands: drop-filter). */
export const removeSelection: SigmaOperator = {
  id: 'remove-selection',
  format: 'sigma',
  description: 'Remove a selection from an `and` of the condition: each part of a conjunction should be needed.',
  mutate: (d) =>
    withoutAndOperands(d, (arg) => arg.type !== 'not', (arg, and) => `remove '${describeNode(arg)}' from '${describeNode(and)}'`),
}
