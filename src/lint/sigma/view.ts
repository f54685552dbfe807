import type { YamlPath } from '../../shared/yaml/index.js'
import type { SigmaDocument } from '../../sigma/index.js'
import { conditionRefs, type ConditionRef } from './condition-refs.js'
import { splitKey } from './modifiers.js'

export interface Logsource {
  product?: string
  service?: string
  category?: string
}

/** One Sigma document as checks see it: the raw value plus the walked detection. */
export interface SigmaRuleView {
  file: string
  /** Position of the document in its file. */
  document: number
  kind: 'rule' | 'correlation' | 'filter'
  value: Record<string, unknown>
  id: string | undefined
  title: string | undefined
  logsource: Logsource
  /** `['detection']` for rules, `['filter']` for filters, undefined for correlations. */
  detectionPath: YamlPath | undefined
  selections: SigmaSelection[]
  conditions: SigmaCondition[]
  /** The document as the Sigma loader built it (embedded tests, validity). */
  loaded: SigmaDocument
}

export interface SigmaSelection {
  rule: SigmaRuleView
  name: string
  path: YamlPath
  value: unknown
  items: SigmaDetectionItem[]
}

export interface SigmaDetectionItem {
  rule: SigmaRuleView
  selection: SigmaSelection
  /** Path of the item's value; its key sits at the same path (key position). Keyword lists: the list itself. */
  path: YamlPath
  /** The written key (`field|mod|mod`), null for a keyword list. */
  key: string | null
  field: string | null
  modifiers: string[]
  /** The value as written: a scalar or a list. */
  raw: unknown
  values: SigmaValue[]
}

export interface SigmaValue {
  item: SigmaDetectionItem
  value: unknown
  path: YamlPath
  /** Index in the item's list, or -1 for a scalar item. */
  index: number
}

export interface SigmaCondition {
  rule: SigmaRuleView
  text: string
  path: YamlPath
  refs: ConditionRef[]
  /** Search identifiers defined next to the condition. */
  names: string[]
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

const FILTER_RESERVED = new Set(['condition', 'rules'])

/** Builds the view of one Sigma document (its value must be a mapping). */
export function sigmaView(file: string, document: number, value: Record<string, unknown>, loaded: SigmaDocument): SigmaRuleView {
  const kind: SigmaRuleView['kind'] = 'correlation' in value ? 'correlation' : 'filter' in value && !('detection' in value) ? 'filter' : 'rule'
  const ls = isMap(value.logsource) ? value.logsource : {}
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
  const logsource: Logsource = {}
  if (str(ls.product) !== undefined) logsource.product = str(ls.product)
  if (str(ls.service) !== undefined) logsource.service = str(ls.service)
  if (str(ls.category) !== undefined) logsource.category = str(ls.category)
  const view: SigmaRuleView = {
    file,
    document,
    kind,
    value,
    id: str(value.id),
    title: str(value.title),
    logsource,
    detectionPath: kind === 'rule' ? ['detection'] : kind === 'filter' ? ['filter'] : undefined,
    selections: [],
    conditions: [],
    loaded,
  }
  const detection = view.detectionPath === undefined ? undefined : value[view.detectionPath[0] as string]
  if (!isMap(detection) || view.detectionPath === undefined) return view
  const base = view.detectionPath
  const names = Object.keys(detection).filter((k) => k !== 'condition' && k !== 'timeframe' && !(kind === 'filter' && FILTER_RESERVED.has(k)))
  for (const name of names) {
    const selection: SigmaSelection = { rule: view, name, path: [...base, name], value: detection[name], items: [] }
    selection.items = selectionItems(selection)
    view.selections.push(selection)
  }
  const cond = detection.condition
  const conds: [string, YamlPath][] =
    typeof cond === 'string' ? [[cond, [...base, 'condition']]] : Array.isArray(cond) ? cond.flatMap((c, i): [string, YamlPath][] => (typeof c === 'string' ? [[c, [...base, 'condition', i]]] : [])) : []
  for (const [text, path] of conds) view.conditions.push({ rule: view, text, path, refs: conditionRefs(text), names })
  return view
}

function selectionItems(selection: SigmaSelection): SigmaDetectionItem[] {
  const out: SigmaDetectionItem[] = []
  const v = selection.value
  const addMap = (m: Record<string, unknown>, path: YamlPath): void => {
    for (const [key, raw] of Object.entries(m)) out.push(item(selection, [...path, key], key, raw))
  }
  if (isMap(v)) addMap(v, selection.path)
  else if (Array.isArray(v)) {
    const keywords: number[] = []
    v.forEach((entry, i) => {
      if (isMap(entry)) addMap(entry, [...selection.path, i])
      else keywords.push(i)
    })
    if (keywords.length > 0) {
      const it: SigmaDetectionItem = { rule: selection.rule, selection, path: selection.path, key: null, field: null, modifiers: [], raw: v, values: [] }
      it.values = keywords.map((i) => ({ item: it, value: v[i], path: [...selection.path, i], index: i }))
      out.push(it)
    }
  } else if (v !== undefined) {
    const it: SigmaDetectionItem = { rule: selection.rule, selection, path: selection.path, key: null, field: null, modifiers: [], raw: v, values: [] }
    it.values = [{ item: it, value: v, path: selection.path, index: -1 }]
    out.push(it)
  }
  return out
}

function item(selection: SigmaSelection, path: YamlPath, key: string, raw: unknown): SigmaDetectionItem {
  const { field, modifiers } = splitKey(key)
  const it: SigmaDetectionItem = { rule: selection.rule, selection, path, key, field, modifiers, raw, values: [] }
  it.values = Array.isArray(raw) ? raw.map((value, index) => ({ item: it, value, path: [...path, index], index })) : [{ item: it, value: raw, path, index: -1 }]
  return it
}

/** True when the document looks like Sigma (rule, correlation or filter). */
export function isSigmaDocument(value: unknown): value is Record<string, unknown> {
  return isMap(value) && ('detection' in value || 'correlation' in value || 'filter' in value || ('title' in value && 'logsource' in value))
}
