import type { Pipeline } from '../../../spl/ast.js'
import { replaceNode } from '../../../shared/tree.js'
import type { QueryMutation, QueryOperator } from '../../query/types.js'
import { searchNodes } from '../tree.js'

/** `field=value` → `field=*value*`: a test should show a value that only contains it does not match. */
export const widenValue: QueryOperator<Pipeline> = {
  id: 'widen-value',
  format: 'splunk-spl',
  description: 'Widen a search value to `*value*`: tests should show that a value merely containing it is not a match.',
  mutate(p, ctx) {
    const out: QueryMutation<Pipeline>[] = []
    for (const { e } of searchNodes(p)) {
      if (e.t !== 'cmp' || e.op !== '=' || !ctx.written(e.at) || e.value === '') continue
      const core = e.value.replace(/^\*+|\*+$/g, '')
      const value = `*${core}*`
      // A bare `*` already matches anything: nothing to widen.
      if (core === '' || value === e.value) continue
      out.push({
        tree: replaceNode(p, e, { ...e, value }),
        at: e.at,
        change: `${e.field}=${e.value} → ${e.field}=${value}`,
        leafValues: [`x${core}x`],
      })
    }
    return out
  },
}
