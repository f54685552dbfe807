import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { conditions, describeNode, satisfying, nodes, operandPath, parseOrNull, replaceNode, withCondition, withoutArg } from '../detection.js'

/** Drops one positive operand of an `and` in the condition (`not` operands: drop-filter). */
export const removeSelection: SigmaOperator = {
  id: 'remove-selection',
  format: 'sigma',
  description: 'Remove a selection from an `and` of the condition: each part of a conjunction should be needed.',
  mutate(d) {
    const out: SigmaMutation[] = []
    for (const c of conditions(d)) {
      const tree = parseOrNull(c.text)
      if (!tree) continue
      for (const n of nodes(tree)) {
        if (n.type !== 'and') continue
        n.args.forEach((arg, i) => {
          if (arg.type === 'not') return
          out.push({
            detection: withCondition(d, c.path, replaceNode(tree, n, withoutArg(n, i))),
            ...operandPath(d, arg, c.path),
            ...(satisfying(d, arg) ? { assign: satisfying(d, arg)! } : {}),
            change: `remove '${describeNode(arg)}' from '${describeNode(n)}'`,
          })
        })
      }
    }
    return out
  },
}
