import type { VariantId } from '../model/variant.js'
import { SENTINEL_TABLES, sentinelRows, type ColumnType } from '../variants/sentinel.js'
import type { Row, Table } from './table.js'
import { KDateTime, parseDateTime, toBool, toNumber, toReal } from './values.js'
import { parseJson } from './functions.js'

/** A Log Analytics value (JSON as exported) as the engine's value of the column's type. */
export function typed(type: ColumnType | undefined, v: unknown): unknown {
  switch (type) {
    case 'string':
      return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)
    case 'datetime':
      return v instanceof KDateTime ? v : typeof v === 'string' ? parseDateTime(v) : null
    case 'long':
    case 'int':
      return toNumber(v, true)
    case 'real':
      return toReal(v)
    case 'bool':
      return toBool(v)
    case 'dynamic':
      return typeof v === 'string' ? parseJson(v) : (v ?? null)
    default:
      return v ?? null
  }
}

/** A row with every column of its table, typed; columns the table does not define are kept as they are. */
const COLUMN_TYPES = new Map(Object.values(SENTINEL_TABLES).map((t) => [t.name, { types: t.columns, entries: Object.entries(t.columns) }]))

export function typedRow(tableName: string, row: Record<string, unknown>): Row {
  const schema = COLUMN_TYPES.get(tableName)
  const out: Row = {}
  if (!schema) {
    for (const k in row) out[k] = row[k] ?? null
    return out
  }
  for (const [col, type] of schema.entries) out[col] = typed(type, row[col])
  for (const k in row) if (!Object.hasOwn(schema.types, k)) out[k] = row[k] ?? null
  return out
}

/** Types a row ruleproof built itself (a fresh object), in place: no second copy per record. */
function typeInPlace(tableName: string, row: Record<string, unknown>): Row {
  const schema = COLUMN_TYPES.get(tableName)
  if (!schema) return typedRow(tableName, row)
  for (const [col, type] of schema.entries) {
    const v = row[col]
    if (type === 'string' ? typeof v !== 'string' : type !== 'dynamic' || v === undefined) row[col] = typed(type, v)
  }
  return row
}

/** Empty tables with the known schemas, for every Sentinel table. */
// AzureDiagnostics is a wide table: every Azure service adds its own `*_s`, `*_d`, … columns.
const SCHEMAS = Object.values(SENTINEL_TABLES).map((t) => ({ name: t.name, columns: Object.keys(t.columns), open: t.name === 'AzureDiagnostics' }))

export function emptyTables(): Map<string, Table> {
  const m = new Map<string, Table>()
  for (const t of SCHEMAS) m.set(t.name, { columns: t.columns, rows: [], ...(t.open ? { open: true } : {}) })
  return m
}

const EMPTY = emptyTables()
/** The empty table of a known Sentinel table (shared: the engine never changes a table it reads). */
export function emptyTable(name: string): Table | undefined {
  return EMPTY.get(name)
}

/** The tables a KQL query sees for records of a variant: each record in the table(s) it lands in (others: `emptyTable`). */
export function tablesFor(variant: VariantId, records: readonly unknown[]): Map<string, Table> {
  const m = new Map<string, Table>()
  for (const raw of records) {
    for (const { table, row, own } of sentinelRows(variant, raw)) {
      let t = m.get(table)
      if (!t) {
        const known = EMPTY.get(table)
        t = known ? { ...known, rows: [] } : { columns: Object.keys(row), rows: [] }
        m.set(table, t)
      }
      t.rows.push(own ? typeInPlace(table, row) : typedRow(table, row))
    }
  }
  return m
}
