/** The syntax tree of ruleproof's KQL subset; every node keeps the offset it starts at. */
export type Expr =
  | { k: 'lit'; v: unknown; at: number }
  | { k: 'name'; name: string; at: number }
  | { k: 'member'; obj: Expr; name: string; at: number }
  | { k: 'index'; obj: Expr; index: Expr; at: number }
  | { k: 'call'; name: string; args: Expr[]; at: number; star?: boolean }
  | { k: 'bin'; op: string; l: Expr; r: Expr; at: number }
  | { k: 'list'; op: string; l: Expr; items: Expr[]; sub?: Tabular; at: number }
  | { k: 'between'; l: Expr; lo: Expr; hi: Expr; neg: boolean; at: number }
  | { k: 'neg'; e: Expr; at: number }

export interface Named {
  name?: string
  expr: Expr
  at: number
}

export interface SortKey {
  expr: Expr
  desc: boolean
  nullsFirst: boolean
}

export interface JoinKey {
  left: string
  right: string
}

export type ParsePart = { text: string } | { column: string; type: string }

export type Op =
  | { k: 'where'; pred: Expr; at: number }
  | { k: 'extend'; items: Named[]; at: number }
  | { k: 'project'; items: Named[]; at: number }
  | { k: 'project-away'; names: string[]; at: number }
  | { k: 'project-keep'; names: string[]; at: number }
  | { k: 'project-rename'; pairs: [string, string][]; at: number }
  | { k: 'project-reorder'; names: string[]; at: number }
  | { k: 'summarize'; aggs: Named[]; by: Named[]; at: number }
  | { k: 'sort'; keys: SortKey[]; at: number }
  | { k: 'top'; n: Expr; key: SortKey; at: number }
  | { k: 'take'; n: Expr; at: number }
  | { k: 'distinct'; items: Named[]; star: boolean; at: number }
  | { k: 'mv-expand'; items: Named[]; limit?: Expr; at: number }
  | { k: 'parse'; source: Expr; parts: ParsePart[]; at: number }
  | { k: 'join'; kind: string; right: Tabular; on: JoinKey[]; at: number }
  | { k: 'lookup'; kind: string; right: Tabular; on: JoinKey[]; at: number }
  | { k: 'union'; sources: Tabular[]; at: number }
  | { k: 'count'; at: number }
  | { k: 'as'; name: string; at: number }

export type Tabular =
  | { k: 'source'; name: string; at: number }
  | { k: 'datatable'; columns: { name: string; type: string }[]; values: Expr[]; at: number }
  | { k: 'union'; sources: Tabular[]; at: number }
  | { k: 'pipe'; input: Tabular; op: Op; at: number }

export type Statement =
  | { k: 'let-scalar'; name: string; expr: Expr; at: number }
  | { k: 'let-tabular'; name: string; query: Tabular; at: number }
  | { k: 'query'; query: Tabular; at: number }

export interface Query {
  statements: Statement[]
  /** Every table name the query reads (sources that are not lets), with the first offset. */
  tables: Map<string, number>
}
