import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Packages a module statically imports at run time (type-only imports left out), through relative imports. */
function runtimePackages(entry: string): Map<string, string> {
  const seen = new Set<string>()
  const packages = new Map<string, string>()
  const walk = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      if (m[2]) continue
      const spec = m[3] as string
      if (spec.startsWith('.')) {
        const ts = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts')
        if (existsSync(ts)) walk(ts)
      } else if (!spec.startsWith('node:')) packages.set(spec, path.relative(root, file))
    }
  }
  walk(path.join(root, entry))
  return packages
}

describe('what `ruleproof lint` loads', () => {
  it('does not load the generators (fast-check, faker) or recheck at start-up', () => {
    const packages = runtimePackages('src/cli/commands/lint.ts')
    expect(packages.has('js-yaml')).toBe(true) // the walk does reach the loader
    for (const heavy of ['fast-check', '@faker-js/faker', '@faker-js/faker/locale/en', 'recheck']) {
      expect(packages.get(heavy), `${heavy} imported by ${packages.get(heavy)}`).toBeUndefined()
    }
  })
})
