import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { VariantId } from '../model/variant.js'
import { LoadError, UsageError, unreadableFile } from '../shared/errors.js'
import { parseSize } from '../shared/size.js'
import { parseYamlDocuments, type SourceMap } from '../shared/yaml/index.js'
import type { RuleproofConfig } from './types.js'
import { resolvePipelines } from './pipelines.js'
import { validateConfigValue } from './validate.js'

/** Looked for in the working directory, in this order, when no --config is given. */
export const CONFIG_FILE_NAMES = ['ruleproof.config.json', 'ruleproof.config.yml', 'ruleproof.config.yaml'] as const

/** The configuration when there is no file: the cwd's `rules/` folder, everything else defaulted. */
export function defaultConfig(cwd: string): RuleproofConfig {
  return { root: cwd, rules: [path.resolve(cwd, 'rules')] }
}

function parse(text: string, file: string): { value: unknown; map?: SourceMap } {
  if (file.endsWith('.json')) {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      throw new UsageError(`${file}: not valid JSON: ${(e as Error).message}`)
    }
    // JSON is YAML: parse again only for positions, so messages can name the line.
    let map: SourceMap | undefined
    try {
      map = parseYamlDocuments(text, file)[0]?.map
    } catch {
      map = undefined
    }
    return map ? { value, map } : { value }
  }
  let docs
  try {
    docs = parseYamlDocuments(text, file)
  } catch (e) {
    if (e instanceof LoadError) throw new UsageError(e.format())
    throw e
  }
  if (docs.length > 1) throw new UsageError(`${file}: a config file holds one YAML document, found ${docs.length}`)
  const doc = docs[0]
  return doc ? { value: doc.value, map: doc.map } : { value: {} }
}

/** Turns a validated file value into a config with absolute paths. */
export function resolveConfig(value: Record<string, unknown>, root: string, file?: string): RuleproofConfig {
  const rules = value.rules === undefined ? ['rules'] : typeof value.rules === 'string' ? [value.rules] : (value.rules as string[])
  const config: RuleproofConfig = { root, rules: rules.map((r) => path.resolve(root, r)) }
  if (file !== undefined) config.file = file
  const copy = ['exclude', 'runs', 'seed', 'minimumTests', 'expectations', 'lint', 'panther', 'sigma', 'assumeDataActions'] as const
  for (const key of copy) if (value[key] !== undefined) (config as unknown as Record<string, unknown>)[key] = value[key]
  const limits = value.limits as Record<string, string | number> | undefined
  if (limits !== undefined) {
    config.limits = {}
    for (const key of ['ruleFileSize', 'eventLineSize'] as const) {
      const v = limits[key]
      const bytes = v === undefined ? undefined : parseSize(v)
      if (bytes !== undefined) config.limits[key] = bytes
    }
  }
  if (value.variants !== undefined) config.variants = value.variants as VariantId[]
  if (Array.isArray(value.pipelines)) config.pipelines = resolvePipelines(value.pipelines, root, file ?? 'configuration')
  if (typeof value.python === 'string') {
    // A bare command name is looked up on PATH; a path is relative to the config file.
    config.python = value.python.includes('/') || value.python.includes('\\') ? path.resolve(root, value.python) : value.python
  }
  return config
}

/** Reads, validates and resolves one config file. Throws UsageError (exit 3) on any problem. */
export function readConfigFile(file: string): RuleproofConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw unreadableFile(file, e, 'config file')
  }
  const { value, map } = parse(text, file)
  const v = value ?? {}
  validateConfigValue(v, file, map)
  return resolveConfig(v as Record<string, unknown>, path.dirname(file), file)
}

/**
 * The run's configuration: `explicit` (--config, relative to cwd) when given, else the first of
 * CONFIG_FILE_NAMES in cwd, else defaults.
 */
export function loadConfig(cwd: string, explicit?: string): RuleproofConfig {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit)
    if (!existsSync(file)) throw new LoadError('config file not found', { file: explicit, line: 1, column: 1 })
    return readConfigFile(file)
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(cwd, name)
    if (existsSync(file)) return readConfigFile(file)
  }
  return defaultConfig(cwd)
}
