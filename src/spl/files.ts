/** Files beside or above a detection: macros/*.yml, lookups/ (CSV and their definitions), data_sources/*.yml. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parseYamlDocuments } from '../shared/yaml/index.js'
import type { MacroDefinition } from './macros.js'
import { macroKey } from './macros.js'
import { newRow, type Row } from './values.js'

function dirsUp(file: string, name: string): string[] {
  const out: string[] = []
  let dir = path.dirname(path.resolve(file))
  for (;;) {
    const d = path.join(dir, name)
    if (existsSync(d) && statSync(d).isDirectory()) out.push(d)
    const up = path.dirname(dir)
    if (up === dir) return out
    dir = up
  }
}

const yamlFiles = (dir: string): string[] => readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort().map((f) => path.join(dir, f))

export interface MacroProblem {
  file: string
  line: number
  column: number
  message: string
}

const macroDirCache = new Map<string, { macros: Map<string, MacroDefinition>; problems: MacroProblem[] }>()

/** Macros of one `macros/` folder; a file that is not a macro definition is a problem, not a crash. */
export function readMacroDir(dir: string): { macros: Map<string, MacroDefinition>; problems: MacroProblem[] } {
  const cached = macroDirCache.get(dir)
  if (cached) return cached
  const macros = new Map<string, MacroDefinition>()
  const problems: MacroProblem[] = []
  for (const file of yamlFiles(dir)) {
    try {
      const [doc] = parseYamlDocuments(readFileSync(file, 'utf8'), file)
      const v = doc?.value as Record<string, unknown> | undefined
      if (!v || typeof v.name !== 'string' || typeof v.definition !== 'string') {
        problems.push({ file, line: 1, column: 1, message: 'a macro file needs name: and definition: (strings)' })
        continue
      }
      const args = Array.isArray(v.arguments) ? v.arguments.map(String) : []
      macros.set(macroKey(v.name, args.length), { name: v.name, args, definition: v.definition, from: path.relative(process.cwd(), file) })
    } catch (e) {
      const m = /:(\d+):(\d+)/.exec((e as Error).message)
      problems.push({ file, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1, message: (e as Error).message })
    }
  }
  const out = { macros, problems }
  macroDirCache.set(dir, out)
  return out
}

/** Every macro visible from a detection: nearest `macros/` folder first, then those above, then `extra` (config). */
export function macrosFor(file: string, extra: readonly MacroDefinition[] = []): { macros: Map<string, MacroDefinition>; problems: MacroProblem[] } {
  const macros = new Map<string, MacroDefinition>()
  const problems: MacroProblem[] = []
  for (const d of extra) macros.set(macroKey(d.name, d.args.length), d)
  for (const dir of dirsUp(file, 'macros').reverse()) {
    const r = readMacroDir(dir)
    for (const [k, v] of r.macros) macros.set(k, v)
    problems.push(...r.problems)
  }
  return { macros, problems }
}

/** A CSV file as rows (RFC 4180 quoting; the first line names the columns). */
export function parseCsv(text: string): Row[] {
  const records: string[][] = []
  let field = ''
  let rec: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') rec.push(field), (field = '')
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      rec.push(field), records.push(rec), (rec = []), (field = '')
    } else field += ch
  }
  if (field !== '' || rec.length > 0) rec.push(field), records.push(rec)
  const [header, ...rows] = records.filter((r) => r.length > 1 || r[0] !== '')
  if (!header) return []
  return rows.map((r) => {
    const row = newRow()
    header.forEach((h, i) => (row[h] = r[i] ?? ''))
    return row
  })
}

/** Lookup tables from `lookups/` beside or above the detection: `<name>.csv`, or the file a `lookups/*.yml` names. */
export function lookupsFor(file: string): (name: string) => Row[] | undefined {
  const dirs = dirsUp(file, 'lookups')
  const cache = new Map<string, Row[] | undefined>()
  return (name) => {
    if (cache.has(name)) return cache.get(name)
    let rows: Row[] | undefined
    for (const dir of dirs) {
      let csv = [path.join(dir, name), path.join(dir, `${name}.csv`)].find((f) => /\.csv$/i.test(f) && existsSync(f))
      if (!csv) {
        for (const y of yamlFiles(dir)) {
          try {
            const v = parseYamlDocuments(readFileSync(y, 'utf8'), y)[0]?.value as Record<string, unknown> | undefined
            if (v?.name === name && typeof v.filename === 'string' && existsSync(path.join(dir, v.filename))) csv = path.join(dir, v.filename)
          } catch {
            // An unreadable definition names no table.
          }
          if (csv) break
        }
      }
      if (csv) {
        rows = parseCsv(readFileSync(csv, 'utf8'))
        break
      }
    }
    cache.set(name, rows)
    return rows
  }
}

/** Fields of the data sources named by a detection (data_sources/*.yml `fields:`), by data source name. */
export function dataSourceFields(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const dir of dirsUp(file, 'data_sources').reverse()) {
    for (const y of yamlFiles(dir)) {
      try {
        const v = parseYamlDocuments(readFileSync(y, 'utf8'), y)[0]?.value as Record<string, unknown> | undefined
        if (typeof v?.name === 'string' && Array.isArray(v.fields)) out.set(v.name, v.fields.map(String))
      } catch {
        // Lint reads what it can.
      }
    }
  }
  return out
}
