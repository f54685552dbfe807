import { translatePythonRegex } from '../sigma/values/regex.js'
import type { SigmaDetectionItem } from './sigma/view.js'

/** Offset of the n-th modifier inside a detection key (`field|a|b`). */
export function modifierOffset(item: SigmaDetectionItem, index: number): number {
  const key = item.key ?? ''
  let offset = key.indexOf('|')
  for (let i = 0; i < index && offset !== -1; i++) offset = key.indexOf('|', offset + 1)
  return offset === -1 ? 0 : offset + 1
}

/**
 * A Sigma `|re` value as the evaluator compiles it (src/sigma/values/regex.ts), so lint judges
 * the same regex that runs. Throws RegexTranslationError for Python syntax JavaScript cannot express.
 */
export function toJsRegex(pattern: string, modifiers: readonly string[]): { source: string; flags: string } {
  let extra = ''
  for (const m of modifiers) {
    if (m === 'i' || m === 'ignorecase') extra += 'i'
    if (m === 'm' || m === 'multiline') extra += 'm'
    if (m === 's' || m === 'dotall') extra += 's'
  }
  return translatePythonRegex(pattern, extra)
}

/** Values of an item that are regexes (`re` first). */
/**
 * A rule value as text for checks and messages: any YAML value, whatever its keys (a map with a
 * `toString` key has no usable String()).
 */
export function valueText(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v)
  try {
    return JSON.stringify(v) ?? 'undefined'
  } catch {
    return Array.isArray(v) ? '[list]' : '{map}'
  }
}

export const isRegexItem = (item: SigmaDetectionItem): boolean => item.modifiers[0] === 're'

/** Modifiers after which string values are not plain Sigma strings (wildcards/escapes do not apply). */
export const NON_STRING = new Set(['re', 'cidr', 'exists', 'fieldref', 'lt', 'lte', 'gt', 'gte', 'minute', 'hour', 'day', 'week', 'month', 'year'])
export const isPlainStringItem = (item: SigmaDetectionItem): boolean => !item.modifiers.some((m) => NON_STRING.has(m))

import type { Finding, Severity } from '../model/result.js'
import { defineCheck } from './define-check.js'
import type { CheckModule } from './types.js'

/** Loader check ids that have a check of their own; any other id of a family falls back to its schema check. */
const OWN_IDS = new Set([
  'yaml-syntax', 'sigma-schema', 'sigma-legacy', 'sigma-collection', 'sigma-tests', 'sigma-correlation', 'sigma-compile',
  'panther-yaml', 'panther-schema', 'panther-missing-file', 'panther-log-type', 'panther-duplicate-id', 'panther-dedup-period',
  'panther-pack-duplicate-id',
])

export interface LoaderCheckSpec {
  id: string
  description: string
  appliesTo: 'sigma' | 'panther' | 'splunk-spl'
  /** @defaultValue 'error' */
  severity?: Severity
  /** Checks that report the same problem more precisely (see CheckMeta.yieldsTo). */
  yieldsTo?: readonly string[]
  /** Further loader ids reported under this check. */
  also?: readonly string[]
  /** Also report loader ids of this prefix that no other check claims. */
  fallbackPrefix?: string
}

/**
 * A check that reports the loaders' findings of one id (H2's Sigma loader and H5's Panther
 * loader own the validation; the linter makes them configurable, suppressible and documented).
 */
export function loaderCheck(spec: LoaderCheckSpec): CheckModule<'loader'> {
  const ids = new Set([spec.id, ...(spec.also ?? [])])
  const claims = (check: string): boolean =>
    ids.has(check) || (spec.fallbackPrefix !== undefined && check.startsWith(spec.fallbackPrefix) && !OWN_IDS.has(check))
  return defineCheck<'loader'>({
    id: spec.id,
    meta: {
      kind: 'problem',
      description: spec.description,
      defaultSeverity: spec.severity ?? 'error',
      recommended: true,
      appliesTo: [spec.appliesTo],
      fixable: false,
      ...(spec.yieldsTo ? { yieldsTo: spec.yieldsTo } : {}),
      messages: { loader: '{{message}}' },
    },
    create(ctx) {
      return {
        loaderFinding(f: Finding) {
          if (claims(f.check)) ctx.report({ at: { place: { file: f.file, line: f.line, column: f.column } }, messageId: 'loader', data: { message: f.message } })
        },
      }
    },
  })
}
