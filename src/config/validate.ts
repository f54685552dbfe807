import type { ErrorObject } from 'ajv'
import type { SourceMap } from '../shared/yaml/index.js'
import { UsageError } from '../shared/errors.js'
import { CONFIG_KEYS } from './schema.js'
import * as generated from './validators.generated.js'

/** `/lint/exclude/foo/0` → ['lint', 'exclude', 'foo', 0] */
function pointerPath(pointer: string): (string | number)[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

/** `lint.exclude.foo[0]`, the way users write the key. */
export function keyName(path: readonly (string | number)[]): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`
  return out === '' ? '(top level)' : out
}

function describe(e: ErrorObject): { path: (string | number)[]; text: string; atKey: boolean } {
  const path = pointerPath(e.instancePath)
  const params = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String(params.additionalProperty)
      const hint = path.length === 0 ? ` (known keys: ${CONFIG_KEYS.join(', ')})` : ''
      return { path: [...path, extra], text: `unknown key${hint}`, atKey: true }
    }
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], text: 'is not a variant id', atKey: true }
    case 'enum':
      return { path, text: `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`, atKey: false }
    case 'anyOf':
      return { path, text: 'has the wrong type', atKey: false }
    default:
      return { path, text: e.message ?? 'is invalid', atKey: false }
  }
}

/**
 * Validates a parsed config file. Throws a UsageError (exit 3) naming the file, the place when
 * known, and every offending key.
 */
export function validateConfigValue(value: unknown, file: string, map?: SourceMap): void {
  // Compiled ahead of time from ./schema.ts (scripts/gen-validators.ts: ajv, strict, allErrors).
  const validate = generated.config
  if (validate(value)) return
  // anyOf reports its branches' errors too; the anyOf line alone is clearer.
  const errors = validate.errors ?? []
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  // Errors inside propertyNames carry `propertyName`; the propertyNames error itself says it better.
  const kept = errors.filter(
    (e) => (e.keyword === 'anyOf' || !anyOfPaths.has(e.instancePath)) && (e as { propertyName?: string }).propertyName === undefined,
  )
  const lines = [...new Set(kept.map((e) => {
    const d = describe(e)
    let where = file
    if (map) {
      const loc = d.atKey ? map.key(d.path) : map.value(d.path)
      where = `${file}:${loc.line}:${loc.column}`
    }
    return `${where}: ${keyName(d.path)}: ${d.text}`
  }))]
  throw new UsageError(`invalid configuration\n${lines.join('\n')}`)
}
