/** The tree of an SPL search. Every node carries `at`, its 0-based offset in the (expanded) search. */

export interface Pipeline {
  commands: Command[]
  at: number
}

// ---- search expressions ------------------------------------------------------------------------

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>='

export type SearchExpr =
  | { t: 'and'; items: SearchExpr[]; at: number }
  | { t: 'or'; items: SearchExpr[]; at: number }
  | { t: 'not'; item: SearchExpr; at: number }
  /** `field=value`; `value` as written (wildcards kept), `quoted` when it was in double quotes. */
  | { t: 'cmp'; field: string; op: CompareOp; value: string; quoted: boolean; at: number }
  | { t: 'in'; field: string; values: { value: string; quoted: boolean }[]; at: number }
  /** A free-text term matched against `_raw`. */
  | { t: 'term'; value: string; quoted: boolean; at: number }

// ---- eval expressions --------------------------------------------------------------------------

export type EvalOp = 'OR' | 'AND' | 'XOR' | '=' | '==' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE' | '+' | '-' | '*' | '/' | '%' | '.'

export type EvalExpr =
  | { t: 'num'; value: number; text: string; at: number }
  | { t: 'str'; value: string; at: number }
  | { t: 'field'; name: string; at: number }
  | { t: 'bool'; value: boolean; at: number }
  | { t: 'call'; fn: string; args: EvalExpr[]; at: number }
  | { t: 'bin'; op: EvalOp; left: EvalExpr; right: EvalExpr; at: number }
  | { t: 'not'; item: EvalExpr; at: number }
  | { t: 'neg'; item: EvalExpr; at: number }

// ---- commands ----------------------------------------------------------------------------------

export interface Aggregation {
  fn: string
  /** The field aggregated; undefined for `count` / `count()` and for `fn(eval(…))`. */
  field?: string
  /** `fn(eval(expression))`: aggregates the expression's value per event (true counts, false and null do not). */
  expr?: EvalExpr
  as?: string
  at: number
}

export interface SortKey {
  field: string
  desc: boolean
  /** `num(x)`, `str(x)`, … as written, when given. */
  as?: 'num' | 'str' | 'ip' | 'auto'
}

export type Command =
  | { c: 'search'; expr: SearchExpr | null; at: number }
  | { c: 'where'; expr: EvalExpr; at: number }
  | { c: 'eval'; assignments: { field: string; expr: EvalExpr }[]; at: number }
  | { c: 'fillnull'; value: string; fields: string[]; at: number }
  | { c: 'stats' | 'eventstats' | 'streamstats'; aggs: Aggregation[]; by: string[]; at: number }
  | { c: 'rename'; pairs: { from: string; to: string }[]; at: number }
  | { c: 'table' | 'fields'; fields: string[]; remove: boolean; at: number }
  | { c: 'dedup'; count: number; fields: string[]; at: number }
  | { c: 'sort'; limit: number | undefined; keys: SortKey[]; at: number }
  | { c: 'head' | 'tail'; n: number; at: number }
  | { c: 'rex'; field: string; regex: string; at: number }
  | { c: 'regex'; field: string; negate: boolean; regex: string; at: number }
  | { c: 'spath'; input: string; output: string | undefined; path: string | undefined; at: number }
  | { c: 'bin'; field: string; span: string; as: string | undefined; at: number }
  | { c: 'convert'; timeformat: string | undefined; conversions: { fn: string; field: string; as: string | undefined }[]; at: number }
  | { c: 'makemv'; delim: string; field: string; at: number }
  | { c: 'mvexpand'; field: string; at: number }
  | { c: 'lookup'; table: string; match: { field: string; as: string | undefined }[]; outputNew: boolean; outputs: { field: string; as: string | undefined }[]; at: number }
  | { c: 'inputlookup'; table: string; at: number }
  | { c: 'join'; type: 'inner' | 'left'; fields: string[]; sub: Pipeline; at: number }
  | { c: 'append'; sub: Pipeline; at: number }
