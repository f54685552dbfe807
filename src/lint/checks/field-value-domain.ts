import { toJsRegex } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { domainFor, lookupField } from '../domain/kubernetes-audit.js'
import { sigmaStringRegex } from '../sigma/wildcard.js'

export type MessageIds = 'outside'

const STRING_MODES = new Set(['contains', 'startswith', 'endswith', 'cased', 'all', 're', 'i', 'ignorecase'])

export default defineCheck<MessageIds>({
  id: 'field-value-domain',
  meta: {
    kind: 'problem',
    description: 'A value must be able to occur in its field: `verb: replace` never matches, audit verbs are get, list, watch, create, update, patch, delete, deletecollection (and HTTP methods for non-resource URLs).',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: { outside: "'{{value}}' can never be a value of '{{field}}' (possible values: {{values}})" },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        if (item.field === null || item.modifiers.some((m) => !STRING_MODES.has(m)) || item.modifiers.includes('all')) return
        const domain = domainFor(item.rule.logsource)
        if (domain === undefined) return
        const found = lookupField(domain, item.field)
        if (found.kind !== 'known' || found.spec.values === undefined) return
        const members = found.spec.values
        const cased = item.modifiers.includes('cased')
        const mode = item.modifiers.find((m) => m === 'contains' || m === 'startswith' || m === 'endswith') ?? 'exact'
        for (const v of item.values) {
          if (typeof v.value !== 'string') continue
          let test: RegExp
          try {
            if (item.modifiers[0] === 're') {
              const { source, flags } = toJsRegex(v.value, item.modifiers)
              test = new RegExp(source, flags)
            } else test = sigmaStringRegex(v.value, mode as 'exact', cased)
          } catch {
            continue
          }
          if (!members.some((m) => test.test(m))) {
            ctx.report({ at: { path: v.path }, messageId: 'outside', data: { value: v.value, field: item.field, values: members.join(', ') } })
          }
        }
      },
    }
  },
})
