import type { ConditionNode } from '../../../sigma/condition/index.js'
import type { SigmaMutation, SigmaOperator } from '../../types.js'
import { conditions, describeNode, nodes, parseOrNull, replaceNode, selections, withCondition } from '../detection.js'

/** `and` ↔ `or`, and `all of` ↔ `1 of`, one node at a time. */
export const swapAndOr: SigmaOperator = {
  id: 'swap-and-or',
  format: 'sigma',
  description: 'Replace `and` with `or` and the reverse (and `all of` with `1 of`): tests should pin the connective.',
  mutate(d) {
    const out: SigmaMutation[] = []
    for (const c of conditions(d)) {
      const tree = parseOrNull(c.text)
      if (!tree) continue
      for (const n of nodes(tree)) {
        let by: ConditionNode | undefined
        let equivalent: string | undefined
        if (n.type === 'and' || n.type === 'or') {
          by = { ...n, type: n.type === 'and' ? 'or' : 'and' } as ConditionNode
          const printed = new Set(n.args.map(describeNode))
          if (printed.size === 1) equivalent = 'every operand is the same'
        } else if (n.type === 'of') {
          by = { ...n, quantifier: n.quantifier === 'all' ? '1' : 'all' }
          const re = new RegExp(`^${n.target.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
          const count = selections(d).filter(([k]) => n.target === 'them' || re.test(k)).length
          if (count <= 1) equivalent = `'${n.target}' names one selection`
        }
        if (!by) continue
        out.push({
          detection: withCondition(d, c.path, replaceNode(tree, n, by)),
          path: c.path,
          at: 'value',
          change: `'${describeNode(n)}' → '${describeNode(by)}'`,
          ...(equivalent ? { equivalent } : {}),
        })
      }
    }
    return out
  },
}
