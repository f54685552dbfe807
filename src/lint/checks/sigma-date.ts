import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { Lines, replaceScalar } from '../text.js'

export type MessageIds = 'format' | 'invalid' | 'modifiedBeforeDate' | 'modifiedWithoutDate'

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/
const LEGACY = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

export default defineCheck<MessageIds>({
  id: 'sigma-date',
  meta: {
    kind: 'problem',
    description: '`date` and `modified` must be real dates written YYYY-MM-DD, and `modified` must not be older than `date`.',
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: true,
    messages: {
      format: "{{key}} '{{value}}' must be written YYYY-MM-DD",
      invalid: "{{key}} '{{value}}' is not a real date",
      modifiedBeforeDate: "modified ({{modified}}) is older than date ({{date}})",
      modifiedWithoutDate: "modified is set but date is missing",
    },
  },
  create(ctx) {
    return {
      rule(rule) {
        const dates: Record<string, string> = {}
        for (const key of ['date', 'modified'] as const) {
          const raw = rule.value[key]
          if (raw === undefined || raw === null) continue
          const value = valueText(raw)
          const iso = ISO.exec(value)
          if (iso) {
            if (realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))) dates[key] = value
            else ctx.report({ at: { path: [key] }, messageId: 'invalid', data: { key, value } })
            continue
          }
          const legacy = LEGACY.exec(value)
          let fix
          if (legacy && realDate(Number(legacy[1]), Number(legacy[2]), Number(legacy[3])) && ctx.text !== undefined) {
            const fixed = `${legacy[1]}-${(legacy[2] as string).padStart(2, '0')}-${(legacy[3] as string).padStart(2, '0')}`
            fix = replaceScalar(new Lines(ctx.text), ctx.locate([key]), fixed)
          }
          ctx.report({ at: { path: [key] }, messageId: 'format', data: { key, value }, ...(fix ? { fix } : {}) })
        }
        if (dates.modified !== undefined && dates.date !== undefined && dates.modified < dates.date) {
          ctx.report({ at: { path: ['modified'] }, messageId: 'modifiedBeforeDate', data: { modified: dates.modified, date: dates.date } })
        }
        if (rule.value.modified != null && rule.value.date == null) ctx.report({ at: { path: ['modified'], key: true }, messageId: 'modifiedWithoutDate' })
      },
    }
  },
})
