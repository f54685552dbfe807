// Sentinel KQL over ../shared/corpus/sentinel (129 analytics and hunting rules of Microsoft's
// Azure-Sentinel repository): every query parses or has Kusto's own syntax errors at the right
// file:line:column, and every query evaluates on rows of its tables or fails with a located
// "unsupported" finding.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileQuery, KqlError, parseKql } from '../../src/kql/index.js'
import { loadSentinelYaml } from '../../src/kql/load.js'
import { officialSyntaxErrors } from '../../src/kql/official.js'
import { typedRow } from '../../src/kql/tables.js'
import { KDateTime } from '../../src/kql/values.js'
import type { Finding } from '../../src/model/result.js'
import { SENTINEL_TABLES } from '../../src/variants/sentinel.js'
import { corpus, yamlFiles } from './corpus.js'

const dir = path.join(corpus, 'sentinel')
const files = yamlFiles(dir)
const rel = (f: string): string => path.relative(dir, f)

/** The character at a 1-based line/column of a text. */
function charAt(text: string, line: number, column: number): string | undefined {
  return text.split('\n')[line - 1]?.[column - 1]
}

describe.skipIf(files.length === 0)('Sentinel corpus', () => {
  const loaded = files.map((file) => {
    const text = readFileSync(file, 'utf8')
    const findings: Finding[] = []
    return { file, text, src: loadSentinelYaml(text, file, findings), findings }
  })
  const withQuery = loaded.filter((l) => l.src)

  it('holds 129 rules, 114 with a query; the 15 stubs are notes, not errors', () => {
    expect(files).toHaveLength(129)
    expect(withQuery).toHaveLength(114)
    for (const l of loaded.filter((x) => !x.src)) expect(l.findings.map((f) => f.severity)).toEqual(['note'])
  })

  it('maps every offset of every query to the same character in the file (block scalars of any indentation)', () => {
    for (const { text, src } of withQuery) {
      const q = src!.query
      for (let i = 0; i < q.length; i += 7) {
        if (/\s/.test(q[i]!)) continue
        const at = src!.locator.at(i)
        expect(charAt(text, at.line, at.column), `${rel(src!.file)} offset ${i}`).toBe(q[i])
      }
    }
  })

  const outcome = new Map<string, { kind: 'evaluated' | 'unsupported' | 'syntax'; message?: string; line?: number; column?: number }>()
  it('parses every query; the one upstream syntax error is Kusto\'s own, at its place', () => {
    for (const { file, text, src } of withQuery) {
      try {
        const q = parseKql(src!.query, { knownTables: new Set(Object.keys(SENTINEL_TABLES)) })
        const now = new KDateTime(Date.parse('2026-01-05T12:00:00Z'))
        const tables = new Map([...q.tables.keys()].map((t) => {
          const schema = SENTINEL_TABLES[t]
          const row = typedRow(t, { TimeGenerated: '2026-01-05T11:59:00Z' })
          return [t, { columns: schema ? Object.keys(schema.columns) : Object.keys(row), rows: [row], ...(schema && t !== 'AzureDiagnostics' ? {} : { open: true }) }]
        }))
        compileQuery(q).run({ tables, now, missingTables: 'empty' })
        outcome.set(file, { kind: 'evaluated' })
      } catch (e) {
        if (!(e instanceof KqlError)) throw e
        const at = src!.locator.at(e.offset)
        if (e.kind === 'syntax') {
          const official = officialSyntaxErrors(src!.query)
          if (official.length > 0) {
            const o = src!.locator.at(official[0]!.start)
            outcome.set(file, { kind: 'syntax', message: official[0]!.message, line: o.line, column: o.column })
            continue
          }
        }
        expect(e.kind === 'runtime' ? e.message : 'ok', rel(file)).toBe('ok')
        expect(at.line, rel(file)).toBeGreaterThan(0)
        expect(charAt(text, at.line, at.column), rel(file)).toBeDefined()
        // A syntax error of ruleproof's parser that Kusto's accepts is valid KQL ruleproof does not read.
        const message = e.kind === 'syntax' ? `unsupported by ruleproof's KQL engine: ${e.message}` : e.message
        outcome.set(file, { kind: 'unsupported', message, line: at.line, column: at.column })
      }
    }
    const syntax = [...outcome].filter(([, o]) => o.kind === 'syntax')
    expect(syntax.map(([f, o]) => `${rel(f)}:${o.line}:${o.column}`)).toEqual(['Detections/AzureActivity/Azure_CIS_529.yaml:21:35'])
  }, 120_000)

  it('evaluates every query or reports a located unsupported construct (counts in the README)', () => {
    const evaluated = [...outcome.values()].filter((o) => o.kind === 'evaluated').length
    const unsupported = [...outcome.values()].filter((o) => o.kind === 'unsupported')
    expect(evaluated + unsupported.length + 1).toBe(withQuery.length)
    for (const u of unsupported) expect(u.message).toMatch(/^unsupported by ruleproof's KQL engine: /)
    const byWhat = new Map<string, number>()
    for (const u of unsupported) {
      const what = /`([^`]+)`/.exec(u.message!)?.[1] ?? u.message!
      byWhat.set(what, (byWhat.get(what) ?? 0) + 1)
    }
    console.log(`kql corpus: ${withQuery.length} queries, ${evaluated} evaluate, ${unsupported.length} unsupported, 1 syntax error; share ${((100 * evaluated) / withQuery.length).toFixed(0)}%; unsupported: ${[...byWhat].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`)
    expect(evaluated).toBeGreaterThan(0)
  })
})
