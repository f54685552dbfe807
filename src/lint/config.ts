import { createAjv2020, type Ajv2020 } from '../shared/ajv.js'
import path from 'node:path'
import type { Severity } from '../model/result.js'
import { UsageError } from '../shared/errors.js'
import type { CheckModule } from './types.js'

export type SeveritySetting = Severity | 'off'

/** A `lint` section of ruleproof.config (or a --config file), as written. */
export interface LintConfigInput {
  /** Which checks run: 'recommended', 'all', 'id' adds, '-id' removes; applied in order. @defaultValue ['recommended'] */
  checks?: string[]
  /** Severity per check id ('off' disables). */
  severity?: Record<string, SeveritySetting>
  /** Options per check id, validated against the check's schema. */
  options?: Record<string, unknown>
  /** Check id → rule ids (or globs) it does not apply to (pySigma-style exclusions). */
  exclude?: Record<string, string | string[]>
  /** Per-path settings, later entries win; `files` are globs relative to the config's folder. */
  overrides?: { files: string | string[]; checks?: string[]; severity?: Record<string, SeveritySetting> }[]
}

export interface ResolvedLintConfig {
  /** Enabled checks and their severity for one file. */
  forFile(file: string): ReadonlyMap<string, Severity>
  options(checkId: string): Record<string, unknown>
  excluded(ruleId: string | undefined, checkId: string): boolean
  /** Every check enabled somewhere (the engine instantiates these). */
  readonly anywhere: ReadonlySet<string>
}

const SEVERITIES = new Set(['error', 'warning', 'note', 'off'])

/** Glob (`**`, `*`, `?`, `{a,b}`) → RegExp over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/'
        re += slash ? '(?:.*/)?' : '.*'
        i += slash ? 2 : 1
      } else re += '[^/]*'
    } else if (c === '?') re += '[^/]'
    else if (c === '{') {
      const close = glob.indexOf('}', i)
      if (close === -1) re += '\\{'
      else {
        re += '(?:' + glob.slice(i + 1, close).split(',').map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')'
        i = close
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&')
  }
  return new RegExp('^' + re + '$')
}

function applyChecks(set: Set<string>, entries: readonly string[], registry: Record<string, CheckModule>, where: string): void {
  for (const entry of entries) {
    if (typeof entry !== 'string') throw new UsageError(`${where}: check entries must be strings`)
    const remove = entry.startsWith('-')
    const name = remove ? entry.slice(1) : entry
    const ids =
      name === 'recommended' ? Object.values(registry).filter((c) => c.meta.recommended).map((c) => c.id)
      : name === 'all' ? Object.keys(registry)
      : [name]
    for (const id of ids) {
      if (!Object.hasOwn(registry, id)) throw new UsageError(`${where}: unknown check '${id}'`)
      if (remove) set.delete(id)
      else set.add(id)
    }
  }
}

function checkSeverities(sev: Record<string, unknown> | undefined, registry: Record<string, CheckModule>, where: string): void {
  for (const [id, s] of Object.entries(sev ?? {})) {
    if (!Object.hasOwn(registry, id)) throw new UsageError(`${where}: unknown check '${id}'`)
    if (typeof s !== 'string' || !SEVERITIES.has(s)) throw new UsageError(`${where}: severity of '${id}' must be error, warning, note or off`)
  }
}

/**
 * Validates a lint configuration against the registry (unknown ids, bad severities, options
 * the check's schema rejects → UsageError, exit 3) and resolves it.
 */
export function resolveLintConfig(input: LintConfigInput | undefined, registry: Record<string, CheckModule>, baseDir = '.'): ResolvedLintConfig {
  const cfg = input ?? {}
  if (cfg === null || typeof cfg !== 'object' || Array.isArray(cfg)) throw new UsageError('lint configuration must be an object')
  const known = new Set(['checks', 'severity', 'options', 'exclude', 'overrides'])
  for (const k of Object.keys(cfg)) if (!known.has(k)) throw new UsageError(`lint configuration: unknown key '${k}' (expected ${[...known].join(', ')})`)
  const base = new Set<string>()
  applyChecks(base, cfg.checks ?? ['recommended'], registry, 'lint.checks')
  checkSeverities(cfg.severity, registry, 'lint.severity')
  let ajv: Ajv2020 | undefined
  const options = new Map<string, Record<string, unknown>>()
  for (const [id, check] of Object.entries(registry)) options.set(id, { ...(check.defaultOptions as Record<string, unknown>) })
  for (const [id, opts] of Object.entries(cfg.options ?? {})) {
    const check = Object.hasOwn(registry, id) ? registry[id] : undefined
    if (check === undefined) throw new UsageError(`lint.options: unknown check '${id}'`)
    const merged = { ...(check.defaultOptions as Record<string, unknown>), ...(opts as Record<string, unknown>) }
    ajv ??= createAjv2020({ allErrors: true, strict: false, useDefaults: true })
    const validate = ajv.compile(check.meta.schema)
    if (!validate(merged)) throw new UsageError(`lint.options.${id}: ${ajv.errorsText(validate.errors)}`)
    options.set(id, merged)
  }
  const exclude = new Map<string, RegExp[]>()
  for (const [checkId, rules] of Object.entries(cfg.exclude ?? {})) {
    if (!(checkId in registry)) throw new UsageError(`lint.exclude: unknown check '${checkId}'`)
    const list = Array.isArray(rules) ? rules : [rules]
    exclude.set(checkId, list.map((r) => new RegExp('^' + String(r).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i')))
  }
  const overrides = (cfg.overrides ?? []).map((o, n) => {
    const where = `lint.overrides[${n}]`
    if (o === null || typeof o !== 'object') throw new UsageError(`${where} must be an object`)
    const files = Array.isArray(o.files) ? o.files : typeof o.files === 'string' ? [o.files] : undefined
    if (files === undefined || files.length === 0) throw new UsageError(`${where}.files must be a glob or a list of globs`)
    if (o.checks !== undefined) applyChecks(new Set(), o.checks, registry, `${where}.checks`)
    checkSeverities(o.severity, registry, `${where}.severity`)
    return { patterns: files.map(globToRegExp), checks: o.checks, severity: o.severity ?? {} }
  })
  const anywhere = new Set(base)
  for (const o of overrides) if (o.checks) applyChecks(anywhere, o.checks.filter((c) => !c.startsWith('-')), registry, 'lint.overrides')
  const cache = new Map<string, ReadonlyMap<string, Severity>>()
  const severities = (enabled: ReadonlySet<string>, sev: Record<string, SeveritySetting>): Map<string, Severity> => {
    const out = new Map<string, Severity>()
    for (const id of enabled) {
      const s = sev[id] ?? (registry[id] as CheckModule).meta.defaultSeverity
      if (s !== 'off') out.set(id, s)
    }
    return out
  }
  const root = path.resolve(baseDir)
  const relDirs = new Map<string, string>()
  let every: ReadonlyMap<string, Severity> | undefined
  return {
    anywhere,
    options: (id) => options.get(id) ?? {},
    excluded: (ruleId, checkId) => ruleId !== undefined && (exclude.get(checkId)?.some((re) => re.test(ruleId)) ?? false),
    forFile(file) {
      // No overrides: every file has the same map, and no lookup by its path (hashing thousands
      // of long paths cost more than the rest of this function).
      if (overrides.length === 0 && base.size > 0) return (every ??= severities(base, cfg.severity ?? {}))
      const hit = cache.get(file)
      if (hit) return hit
      // Relative folder once per folder: thousands of files share a few hundred folders.
      const dir = path.dirname(file)
      let relDir = relDirs.get(dir)
      if (relDir === undefined) {
        relDir = path.relative(root, path.resolve(root, dir)).split(path.sep).join('/')
        relDirs.set(dir, relDir)
      }
      const name = path.basename(file)
      const rel = relDir === '' ? name : `${relDir}/${name}`
      const slashed = file.split(path.sep).join('/')
      const matched = overrides.filter((o) => o.patterns.some((p) => p.test(rel) || p.test(slashed)))
      // Files matching the same overrides share one map (and the engine's hook lists keyed on it).
      const key = '\0' + matched.map((o) => overrides.indexOf(o)).join(',')
      let out = cache.get(key)
      if (out === undefined) {
        const enabled = new Set(base)
        const sev: Record<string, SeveritySetting> = { ...(cfg.severity ?? {}) }
        for (const o of matched) {
          if (o.checks) applyChecks(enabled, o.checks, registry, 'lint.overrides')
          Object.assign(sev, o.severity)
        }
        out = severities(enabled, sev)
        cache.set(key, out)
      }
      cache.set(file, out)
      return out
    },
  }
}
