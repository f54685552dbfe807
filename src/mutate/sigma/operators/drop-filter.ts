import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { conditions, describeNode, satisfying, nodes, operandPath, parseOrNull, replaceNode, withCondition, withoutArg } from '../detection.js'

/** Drops a `not`-ed operand of an `and`: the filter's exclusions should be tested. */
export const dropFilter: SigmaOperator = {
  id: 'drop-filter',
  format: 'sigma',
  description: 'Drop a `not`-ed filter from the condition: a test should show what the filter excludes.',
  mutate(d) {
    const out: SigmaMutation[] = []
    for (const c of conditions(d)) {
      const tree = parseOrNull(c.text)
      if (!tree) continue
      for (const n of nodes(tree)) {
        if (n.type !== 'and') continue
        n.args.forEach((arg, i) => {
          if (arg.type !== 'not') return
          out.push({
            detection: withCondition(d, c.path, replaceNode(tree, n, withoutArg(n, i))),
            ...operandPath(d, arg, c.path),
            ...(satisfying(d, arg) ? { assign: satisfying(d, arg)! } : {}),
            change: `drop filter '${describeNode(arg)}'`,
          })
        })
      }
    }
    return out
  },
}
