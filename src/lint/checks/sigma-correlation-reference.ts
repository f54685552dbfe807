import { correlationGraphProblems } from '../../sigma/correlation/graph.js'
import { defineCheck } from '../define-check.js'
import type { Place } from '../types.js'

export type MessageIds = 'cycle' | 'missing'

interface Correlation {
  key: string
  names: (string | undefined)[]
  rules: string[]
  /** Where each `rules:` item is. */
  places: Place[]
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined)

export default defineCheck<MessageIds>({
  id: 'sigma-correlation-reference',
  meta: {
    kind: 'problem',
    description: 'A correlation rule must reference existing rules or correlations (by id or name), and correlations must not reference themselves, directly or through others.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: {
      cycle: '{{message}}: a correlation cannot be evaluated before itself',
      missing: "'{{ref}}' is neither the id nor the name of a rule or correlation in the linted files",
    },
  },
  create(ctx) {
    const ruleRefs = new Set<string>()
    const correlations: Correlation[] = []
    return {
      rule(rule) {
        const v = rule.value
        if (rule.kind !== 'correlation') {
          for (const k of [str(v.id), str(v.name)]) if (k !== undefined) ruleRefs.add(k)
          return
        }
        const c = v.correlation
        if (c === null || typeof c !== 'object' || Array.isArray(c)) return
        const raw = (c as Record<string, unknown>).rules
        // `rules` as one string is read as a one-item list (the loader reports other shapes).
        const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : []
        const rules: string[] = []
        const places: Place[] = []
        list.forEach((r, j) => {
          if (typeof r !== 'string') return
          rules.push(r)
          places.push(ctx.locate(typeof raw === 'string' ? ['correlation', 'rules'] : ['correlation', 'rules', j]))
        })
        const id = str(v.id)
        const name = str(v.name)
        correlations.push({ key: name ?? id ?? str(v.title) ?? '(unnamed correlation)', names: [id, name], rules, places })
      },
      finalize() {
        for (const p of correlationGraphProblems(correlations, (r) => ruleRefs.has(r))) {
          const c = correlations[p.correlation] as Correlation
          const place = c.places[p.item] as Place
          if (p.kind === 'cycle') ctx.report({ at: { place }, messageId: 'cycle', data: { message: p.message } })
          else ctx.report({ at: { place }, messageId: 'missing', data: { ref: c.rules[p.item] as string } })
        }
      },
    }
  },
})
