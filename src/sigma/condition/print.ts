import type { ConditionNode } from './ast.js'

/**
 * Prints a condition tree with the fewest parentheses that keep its shape, so that
 * `parseCondition(printCondition(t))` rebuilds `t` (spans aside).
 */
export function printCondition(node: ConditionNode): string {
  switch (node.type) {
    case 'id':
      return node.name
    case 'of':
      return `${node.quantifier} of ${node.target}`
    case 'not': {
      const inner = printCondition(node.arg)
      return node.arg.type === 'and' || node.arg.type === 'or' ? `not (${inner})` : `not ${inner}`
    }
    case 'and':
      return node.args.map((a) => (a.type === 'and' || a.type === 'or' ? `(${printCondition(a)})` : printCondition(a))).join(' and ')
    case 'or':
      return node.args.map((a) => (a.type === 'or' ? `(${printCondition(a)})` : printCondition(a))).join(' or ')
  }
}
