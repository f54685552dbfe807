import { parseYamlDocuments, resolvePlain, type SourceMap, type YamlDocument } from '../../shared/yaml/index.js'
import type { SourceLocation } from '../../model/source.js'
import { LoadError } from '../../shared/errors.js'

/**
 * PAT's YAML dialect. Since PAT PR #758 its loader is PyYAML with three overrides that keep the
 * YAML 1.2 results it had with ruamel: only true/false (three cases) are booleans, so `yes`,
 * `no`, `on`, `off` stay strings; an integer with a leading zero is decimal (`0644` is 644);
 * sexagesimal `1:30:00` stays a string. The shared loader takes this resolver in place of its
 * PyYAML one.
 */
const YAML11_ONLY_BOOL = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/
const LEADING_ZERO_INT = /^[-+]?0[0-9_]+$/
// Only the integer form: PAT overrides PyYAML's int constructor, not its float one, so
// `1:30:00.5` is still the float 5400.5.
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/

/** A plain scalar as PAT's loader types it: PyYAML's, with the three YAML 1.2 overrides. */
export function resolvePatPlain(text: string): unknown {
  const value = resolvePlain(text)
  if (typeof value === 'boolean' && YAML11_ONLY_BOOL.test(text)) return text
  if (typeof value === 'number' && LEADING_ZERO_INT.test(text)) return Number(text.replace(/_/g, ''))
  if (typeof value === 'number' && SEXAGESIMAL.test(text)) return text
  return value
}

/**
 * PAT's constructors also serve explicit tags: `!!int 0644` is 644, `!!int 1:30` the string
 * '1:30', `!!bool yes` the string 'yes', `!!timestamp` a string.
 */
const PAT_TAGGED: Readonly<Record<string, (text: string) => unknown>> = {
  '!!int': (text) => {
    if (text.includes(':')) return text
    const m = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|([0-9]+))$/.exec(text.replace(/_/g, ''))
    if (!m) return undefined
    const [, sign, hex, bin, dec] = m
    const n = hex !== undefined ? parseInt(hex, 16) : bin !== undefined ? parseInt(bin, 2) : Number(dec)
    const value = sign === '-' ? -n : n
    return Number.isSafeInteger(value) ? value : text
  },
  '!!bool': (text) => (/^(?:true|True|TRUE)$/.test(text) ? true : /^(?:false|False|FALSE)$/.test(text) ? false : text),
  '!!timestamp': (text) => text,
}

export interface PantherYaml {
  value: unknown
  map: SourceMap
  /** Keys written twice: PyYAML keeps the last value, so they are findings, not load errors. */
  duplicateKeys: { key: string; location: SourceLocation }[]
}

/** Parses one Panther analysis file. Throws LoadError (file:line:column) like the shared loader. */
export function parsePantherYaml(text: string, file: string): PantherYaml {
  const duplicateKeys: PantherYaml['duplicateKeys'] = []
  const docs: YamlDocument[] = parseYamlDocuments(text, file, {
    resolvePlain: resolvePatPlain,
    tagged: PAT_TAGGED,
    pyyaml: 'libyaml', // PAT loads with CSafeLoader
    onDuplicateKey: (key, location) => duplicateKeys.push({ key, location }),
  })
  if (docs.length === 0) return { value: null, map: emptyMap(file), duplicateKeys }
  if (docs.length > 1) {
    const second = docs[1] as YamlDocument
    throw new LoadError('expected a single YAML document (PAT reads one per file)', second.map.value([]))
  }
  const doc = docs[0] as YamlDocument
  return { value: doc.value, map: doc.map, duplicateKeys }
}

function emptyMap(file: string): SourceMap {
  const at = { file, line: 1, column: 1 }
  return { file, value: () => at, key: () => at, has: () => false }
}
