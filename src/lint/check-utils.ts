import type { SigmaDetectionItem } from './sigma/view.js'

/** Offset of the n-th modifier inside a detection key (`field|a|b`). */
export function modifierOffset(item: SigmaDetectionItem, index: number): number {
  const key = item.key ?? ''
  let offset = key.indexOf('|')
  for (let i = 0; i < index && offset !== -1; i++) offset = key.indexOf('|', offset + 1)
  return offset === -1 ? 0 : offset + 1
}

/** Python/PCRE regex text → a JS RegExp source and flags (leading inline flags, named groups). */
export function toJsRegex(pattern: string, modifiers: readonly string[]): { source: string; flags: string } {
  let source = pattern
  const flags = new Set<string>()
  const lead = /^\(\?([imsx]+)\)/.exec(source)
  if (lead) {
    for (const f of lead[1] as string) if (f !== 'x') flags.add(f)
    source = source.slice(lead[0].length)
  }
  source = source.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
  for (const m of modifiers) {
    if (m === 'i' || m === 'ignorecase') flags.add('i')
    if (m === 'm' || m === 'multiline') flags.add('m')
    if (m === 's' || m === 'dotall') flags.add('s')
  }
  return { source, flags: [...flags].sort().join('') }
}

/** Values of an item that are regexes (`re` first). */
export const isRegexItem = (item: SigmaDetectionItem): boolean => item.modifiers[0] === 're'

/** Modifiers after which string values are not plain Sigma strings (wildcards/escapes do not apply). */
export const NON_STRING = new Set(['re', 'cidr', 'exists', 'fieldref', 'lt', 'lte', 'gt', 'gte', 'minute', 'hour', 'day', 'week', 'month', 'year'])
export const isPlainStringItem = (item: SigmaDetectionItem): boolean => !item.modifiers.some((m) => NON_STRING.has(m))
