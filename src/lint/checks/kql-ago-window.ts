import { KTimespan } from '../../kql/values.js'
import { defineCheck } from '../define-check.js'
import { walkQuery } from './kql-has-term.js'

export type MessageIds = 'short'

const UNIT: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 }

function duration(v: unknown): number | undefined {
  const m = typeof v === 'string' ? /^\s*(\d+)\s*([mhd])\s*$/.exec(v) : null
  return m ? Number(m[1]) * UNIT[m[2]!]! : undefined
}

function human(ms: number): string {
  return ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${ms / 60_000}m`
}

export default defineCheck<MessageIds>({
  id: 'kql-ago-window',
  meta: {
    kind: 'problem',
    description: 'An `ago()` window shorter than the rule\'s `queryPeriod` ignores part of the data Sentinel hands the query on each run (events between the two are never seen).',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sentinel-kql'],
    fixable: false,
    messages: { short: 'ago({{window}}) is shorter than queryPeriod {{period}}: events older than {{window}} in each run\'s period are never seen' },
  },
  create(ctx) {
    return {
      kqlRule(rule) {
        const period = duration(rule.source?.meta.queryPeriod)
        if (period === undefined) return
        walkQuery(rule, (e) => {
          if (e.k !== 'call' || e.name !== 'ago') return
          const a = e.args[0]
          if (a?.k === 'lit' && a.v instanceof KTimespan && a.v.ms < period) {
            ctx.report({ at: { place: rule.place(a.at) }, messageId: 'short', data: { window: human(a.v.ms), period: human(period) } })
          }
        })
      },
    }
  },
})
