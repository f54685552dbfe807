import type { SigmaOperator } from '../../types.js'
import { describeNode, withoutAndOperands } from '../detection.js'

/** Drops a `not`-ed operand of an `and`: the filter's exclusions should be tested. */
export const dropFilter: SigmaOperator = {
  id: 'drop-filter',
  format: 'sigma',
  description: 'Drop a `not`-ed filter from the condition: a test should show what the filter excludes.',
  mutate: (d) => withoutAndOperands(d, (arg) => arg.type === 'not', (arg) => `drop filter '${describeNode(arg)}'`),
}
