import path from 'node:path'
import type { LoadedRule } from '../model/rule.js'

/** A rule file's stem: `rules/x.yml`, `rules/x.tests.yml`, `rules/x.ruleproof.yml`, `rules/x.py` → `rules/x`. */
export function ruleStem(file: string): string {
  const parsed = path.parse(path.resolve(file))
  const base = parsed.name.replace(/\.(tests|ruleproof)$/, '')
  return path.join(parsed.dir, base)
}

/**
 * The rules a change touches (the PR gate): a rule whose file, sidecar tests, ruleproof sidecar
 * or Python body changed. A changed Python file that is no rule's body (a global helper, a data
 * model) may change any Panther rule, so it selects them all; a changed config selects everything.
 */
export function rulesTouchedBy(rules: readonly LoadedRule[], changed: readonly string[], configFile?: string): LoadedRule[] {
  const abs = changed.map((f) => path.resolve(f))
  if (configFile && abs.includes(path.resolve(configFile))) return [...rules]
  const stems = new Set(abs.map(ruleStem))
  const own = new Set(rules.map((r) => ruleStem(r.file)))
  const helperChanged = abs.some((f) => f.endsWith('.py') && !own.has(ruleStem(f)))
  return rules.filter((r) => stems.has(ruleStem(r.file)) || (helperChanged && r.format === 'panther'))
}
