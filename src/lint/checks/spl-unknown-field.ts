import type { Command, EvalExpr } from '../../spl/ast.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'unknown'

function evalFields(e: EvalExpr, out: { name: string; at: number }[]): void {
  if (e.t === 'field') out.push({ name: e.name, at: e.at })
  else if (e.t === 'bin') (evalFields(e.left, out), evalFields(e.right, out))
  else if (e.t === 'not' || e.t === 'neg') evalFields(e.item, out)
  else if (e.t === 'call') for (const a of e.args) evalFields(a, out)
}

/** Fields a command creates; undefined when it may create any (spath without path, lookup without OUTPUT, joins). */
function created(c: Command): string[] | undefined {
  switch (c.c) {
    case 'eval': return c.assignments.map((a) => a.field)
    case 'stats': case 'eventstats': case 'streamstats': return c.aggs.map((a) => a.as ?? (a.field === undefined ? a.fn : `${a.fn}(${a.field})`))
    case 'rename': return c.pairs.some((p) => p.from.includes('*')) ? undefined : c.pairs.map((p) => p.to)
    case 'rex': return [...c.regex.matchAll(/\(\?P?<([A-Za-z_]\w*)>/g)].map((m) => m[1]!)
    case 'spath': return c.path === undefined ? undefined : [c.output ?? c.path]
    case 'bin': return c.as ? [c.as] : []
    case 'convert': return c.conversions.map((v) => v.as ?? v.field)
    case 'lookup': return c.outputs.length ? c.outputs.map((o) => o.as ?? o.field) : undefined
    case 'inputlookup': case 'join': case 'append': return undefined
    default: return []
  }
}

const DEFAULT_FIELDS = new Set(['_raw', '_time', 'host', 'index', 'source', 'sourcetype', 'linecount', 'punct', 'splunk_server', 'eventtype', 'tag', 'timestartpos', 'timeendpos', 'date_hour', 'date_mday', 'date_minute', 'date_month', 'date_second', 'date_wday', 'date_year', 'date_zone'])

export default defineCheck<MessageIds>({
  id: 'spl-unknown-field',
  meta: {
    kind: 'problem',
    description:
      'A field in `stats … by` or `where` that the detection\'s data sources (their `fields:` in data_sources/*.yml) never have and no earlier command creates: the search drops every event (a `by` field must exist) or compares with null. Checked only when every data source is found.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['splunk-spl'],
    fixable: false,
    messages: {
      unknown: "'{{field}}' is not a field of {{sources}} and no earlier command creates it",
    },
  },
  create(ctx) {
    return {
      splRule(rule) {
        if (!rule.dataSourceFields) return
        const known = new Set([...rule.dataSourceFields, ...DEFAULT_FIELDS])
        const sources = ((rule.meta.data_source as string[] | undefined) ?? []).join(', ')
        for (const c of rule.pipeline.commands) {
          const used: { name: string; at: number }[] = []
          if (c.c === 'where') evalFields(c.expr, used)
          if (c.c === 'stats' || c.c === 'eventstats' || c.c === 'streamstats') for (const f of c.by) used.push({ name: f, at: c.at })
          for (const u of used) if (!known.has(u.name)) ctx.report({ at: { place: rule.at(u.at) }, messageId: 'unknown', data: { field: u.name, sources } })
          const made = created(c)
          if (made === undefined) return
          for (const f of made) known.add(f)
        }
      },
    }
  },
})
