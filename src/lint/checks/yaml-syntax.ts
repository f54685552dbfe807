import { defineCheck } from '../define-check.js'

export type MessageIds = 'syntax'

export default defineCheck<MessageIds>({
  id: 'yaml-syntax',
  meta: {
    kind: 'problem',
    description: 'The file must be valid YAML: no syntax errors, duplicate keys, unsupported tags or alias bombs.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma', 'panther'],
    fixable: false,
    messages: { syntax: '{{message}}' },
  },
  create(ctx) {
    return {
      yamlError(error) {
        ctx.report({ at: { place: error.place }, messageId: 'syntax', data: { message: error.message } })
      },
    }
  },
})
