import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { Lines, replaceScalar } from '../text.js'

export type MessageIds = 'format' | 'namespace' | 'value'

const NAMESPACES: Record<string, RegExp> = {
  attack: /^[a-z0-9_.-]+$/,
  car: /^\d{4}-\d{2}-\d{3}$/,
  cve: /^\d{4}-\d+$/,
  d3fend: /^[a-z0-9_.-]+$/,
  detection: /^(dfir|emerging-threats|threat-hunting)$/,
  stp: /^[1-5][auk]?$/,
  tlp: /^(clear|white|green|amber|amber-strict|red)$/,
}
const FORMAT = /^[a-z0-9_-]+\.[a-z0-9_.-]+$/

/** The problem with a tag, if any. */
function problem(tag: string): { id: MessageIds; ns: string } | undefined {
  if (!FORMAT.test(tag)) return { id: 'format', ns: '' }
  const ns = tag.slice(0, tag.indexOf('.'))
  const re = Object.hasOwn(NAMESPACES, ns) ? NAMESPACES[ns] : undefined
  if (re === undefined) return { id: 'namespace', ns }
  if (!re.test(tag.slice(ns.length + 1))) return { id: 'value', ns }
  return undefined
}

export default defineCheck<MessageIds>({
  id: 'sigma-tag-format',
  meta: {
    kind: 'problem',
    description: 'Tags must be lower-case `namespace.value` in a known namespace (attack, car, cve, d3fend, detection, stp, tlp) with a well-formed value.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: {
      format: "tag '{{tag}}' is not of the form namespace.value in lower case",
      namespace: "tag '{{tag}}' uses unknown namespace '{{namespace}}'",
      value: "tag '{{tag}}' is not a well-formed {{namespace}} tag",
    },
  },
  create(ctx) {
    return {
      rule(rule) {
        const tags = rule.value.tags
        if (!Array.isArray(tags)) return
        tags.forEach((t, i) => {
          const tag = valueText(t)
          const p = problem(tag)
          if (p === undefined) return
          const lower = tag.toLowerCase()
          const fix = p.id === 'format' && lower !== tag && problem(lower) === undefined && ctx.text !== undefined ? replaceScalar(new Lines(ctx.text), ctx.locate(['tags', i]), lower) : undefined
          ctx.report({ at: { path: ['tags', i] }, messageId: p.id, data: p.id === 'format' ? { tag } : { tag, namespace: p.ns }, ...(fix ? { fix } : {}) })
        })
      },
    }
  },
})
