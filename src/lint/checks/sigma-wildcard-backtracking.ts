import { isPlainStringItem } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { ANY } from '../../sigma/values/sigma-string.js'
import { parseSigmaString } from '../sigma/wildcard.js'

export type MessageIds = 'stars'

export interface Options {
  /** The most `*` wildcards (written or implied by contains/startswith/endswith) a value may have. */
  maxWildcards: number
}

export default defineCheck<MessageIds, Options>({
  id: 'sigma-wildcard-backtracking',
  meta: {
    kind: 'problem',
    description: 'A value with many `*` wildcards (`*a*a*a*a*a*b`) costs time polynomial in the field length on backends that match wildcards by backtracking; keep to a few.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    schema: {
      type: 'object',
      properties: { maxWildcards: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    messages: {
      stars:
        "'{{value}}' has {{count}} '*' wildcards (more than {{max}}): a backend that matches it by backtracking takes time growing with the field length to the power {{degree}} (ruleproof matches wildcards in linear time)",
    },
  },
  defaultOptions: { maxWildcards: 4 },
  create(ctx) {
    return {
      value(v) {
        if (typeof v.value !== 'string' || !isPlainStringItem(v.item)) return
        const mods = v.item.modifiers
        // Cheap pre-check: enough `*` characters, counting those the modifiers imply.
        const implied = mods.includes('contains') ? 2 : mods.includes('startswith') || mods.includes('endswith') ? 1 : 0
        let raw = implied
        for (let i = v.value.indexOf('*'); i !== -1; i = v.value.indexOf('*', i + 1)) raw++
        if (raw <= ctx.options.maxWildcards) return
        const tokens = parseSigmaString(v.value).tokens
        let count = 0
        tokens.forEach((t, i) => {
          if (t === ANY && tokens[i - 1] !== ANY) count++
        })
        if (mods.includes('contains') || mods.includes('endswith')) count += tokens[0] === ANY ? 0 : 1
        if (mods.includes('contains') || mods.includes('startswith')) count += tokens[tokens.length - 1] === ANY ? 0 : 1
        if (count <= ctx.options.maxWildcards) return
        ctx.report({ at: { path: v.path }, messageId: 'stars', data: { value: v.value, count, max: ctx.options.maxWildcards, degree: count - 1 } })
      },
    }
  },
})
