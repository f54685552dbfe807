import { VARIANT_IDS } from '../model/variant.js'

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const
// A byte count, or a number with a unit: 1048576, 512KiB, 2MiB, 1MB (src/shared/size.ts).
const size = { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*([kKmMgG]([iI]?[bB])?|[bB])?\\s*$' }] } as const
const families = {
  type: 'object',
  additionalProperties: false,
  properties: { match: stringList, ignore: stringList },
} as const

/** JSON schema (draft 2020-12) of the config file as written by users (before path resolution). */
export const configSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ruleproof.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    rules: { anyOf: [{ type: 'string', minLength: 1 }, { ...stringList, minItems: 1 }] },
    exclude: stringList,
    variants: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...VARIANT_IDS] } },
    runs: { type: 'integer', minimum: 1, maximum: 1000000 },
    seed: { type: 'integer' },
    python: { type: 'string', minLength: 1 },
    minimumTests: { type: 'integer', minimum: 0 },
    // Pipeline documents inline, or paths of JSON/YAML files holding one or a list; each is
    // checked against the pipeline schema by the pipelines module when the config is loaded.
    pipelines: { type: 'array', items: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] } },
    expectations: { type: 'object', additionalProperties: families },
    lint: {
      type: 'object',
      additionalProperties: false,
      properties: {
        checks: stringList,
        exclude: { type: 'object', additionalProperties: stringList },
        options: { type: 'object' },
        // Per-check severity and per-path overrides: validated in detail by the linter (src/lint/config.ts).
        severity: { type: 'object', additionalProperties: { enum: ['error', 'warning', 'note', 'off'] } },
        overrides: { type: 'array', items: { type: 'object' } },
      },
    },
    panther: {
      type: 'object',
      additionalProperties: false,
      properties: {
        logTypes: stringList,
        timeoutMs: { type: 'integer', minimum: 1 },
        // The untrusted-code sandbox (docs/security.md): names passed to rule code, limits, --isolate.
        env: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } },
        limits: {
          type: 'object',
          additionalProperties: false,
          properties: {
            memoryMb: { type: 'integer', minimum: 0 },
            fileSizeMb: { type: 'integer', minimum: 0 },
            openFiles: { type: 'integer', minimum: 0 },
            processes: { type: 'integer', minimum: 0 },
          },
        },
        isolate: { type: 'boolean' },
      },
    },
    sigma: {
      type: 'object',
      additionalProperties: false,
      properties: {
        placeholders: { type: 'object', additionalProperties: stringList },
      },
    },
    splunk: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // A local mirror of splunk/attack_data for security_content tests (relative to the working folder).
        attackData: { type: 'string', minLength: 1 },
        // Macros below those of macros/*.yml folders: name (with `(n)` for n arguments) → definition.
        macros: {
          type: 'object',
          additionalProperties: {
            oneOf: [
              { type: 'string' },
              { type: 'object', required: ['definition'], additionalProperties: false, properties: { definition: { type: 'string' }, arguments: stringList } },
            ],
          },
        },
      },
    },
    assumeDataActions: { type: 'boolean' },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: { ruleFileSize: size, eventLineSize: size },
    },
  },
} as const

/** The keys a config file may have, for messages. */
export const CONFIG_KEYS = Object.keys(configSchema.properties).filter((k) => k !== '$schema')
