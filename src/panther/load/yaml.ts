import { parseYamlDocuments, type SourceMap, type YamlDocument } from '../../shared/yaml/index.js'
import { LoadError } from '../../shared/errors.js'

/**
 * PAT's YAML dialect. Since PAT PR #758 its loader is PyYAML with three overrides that keep the
 * YAML 1.2 results it had with ruamel: only true/false (three cases) are booleans, so `yes`,
 * `no`, `on`, `off` stay strings; an integer with a leading zero is decimal (`0644` is 644);
 * sexagesimal `1:30:00` stays a string. The shared loader resolves YAML 1.1 like PyYAML's
 * SafeLoader, so the values it typed differently are re-read from their source text here.
 */
const YAML11_ONLY_BOOL = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/
const LEADING_ZERO_INT = /^[-+]?0[0-9_]+$/
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/

export interface PantherYaml {
  value: unknown
  map: SourceMap
}

/** Parses one Panther analysis file. Throws LoadError (file:line:column) like the shared loader. */
export function parsePantherYaml(text: string, file: string): PantherYaml {
  const docs: YamlDocument[] = parseYamlDocuments(text, file)
  if (docs.length === 0) return { value: null, map: emptyMap(file) }
  if (docs.length > 1) {
    const second = docs[1] as YamlDocument
    throw new LoadError('expected a single YAML document (PAT reads one per file)', second.map.value([]))
  }
  const doc = docs[0] as YamlDocument
  const starts = lineStarts(text)
  const value = retype(doc.value, [], doc.map, text, starts)
  return { value, map: doc.map }
}

function emptyMap(file: string): SourceMap {
  const at = { file, line: 1, column: 1 }
  return { file, value: () => at, key: () => at, has: () => false }
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** The plain token written at the value's position (quoted or block scalars return undefined). */
function rawToken(path: (string | number)[], map: SourceMap, text: string, starts: number[]): string | undefined {
  if (!map.has(path)) return undefined
  const at = map.value(path)
  const offset = (starts[at.line - 1] ?? 0) + at.column - 1
  const first = text[offset]
  if (first === undefined || first === '"' || first === "'" || first === '|' || first === '>') return undefined
  const m = /^[^\s,\]}#]+/.exec(text.slice(offset, offset + 64))
  return m?.[0]
}

function retype(value: unknown, path: (string | number)[], map: SourceMap, text: string, starts: number[]): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = retype(value[i], [...path, i], map, text, starts)
    return value
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    for (const key of Object.keys(obj)) obj[key] = retype(obj[key], [...path, key], map, text, starts)
    return obj
  }
  if (typeof value === 'boolean' || typeof value === 'number') {
    const raw = rawToken(path, map, text, starts)
    if (raw === undefined) return value
    if (typeof value === 'boolean' && YAML11_ONLY_BOOL.test(raw)) return raw
    if (typeof value === 'number' && LEADING_ZERO_INT.test(raw)) return Number(raw.replace(/_/g, ''))
    if (typeof value === 'number' && SEXAGESIMAL.test(raw)) return raw
  }
  return value
}
