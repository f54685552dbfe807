import { defineCheck } from '../define-check.js'

export type MessageIds = 'undefined'

export default defineCheck<MessageIds>({
  id: 'sigma-undefined-selection',
  meta: {
    kind: 'problem',
    description: 'Every identifier in a Sigma condition must name a search identifier of the detection.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { undefined: "condition refers to '{{name}}', which the detection does not define" },
  },
  create(ctx) {
    return {
      condition(c) {
        for (const ref of c.refs) {
          if (ref.kind === 'id' && !c.names.includes(ref.name)) {
            ctx.report({ at: { path: c.path, offset: ref.offset, token: ref.name }, messageId: 'undefined', data: { name: ref.name } })
          }
        }
      },
    }
  },
})
