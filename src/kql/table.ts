/** An in-memory table: ordered column names and rows keyed by column name. */
export type Row = Record<string, unknown>

export interface Table {
  columns: string[]
  rows: Row[]
  /**
   * An open schema: names the query uses are columns even when the table lists none (tables
   * ruleproof has no schema for, in conformance runs). Closed by project/summarize.
   */
  open?: boolean
}

export function table(columns: string[], rows: Row[], open = false): Table {
  return open ? { columns, rows, open } : { columns, rows }
}
