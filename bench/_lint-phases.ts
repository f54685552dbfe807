/** In-process phases of `ruleproof lint` (helper of bench/lint.ts; prints JSON). */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { loadAll } from 'js-yaml'
import { LineIndex, parseYamlDocuments } from '../src/shared/yaml/index.js'
import { parseYamlFast } from '../src/shared/yaml/fast.js'
import { loadSigmaText } from '../src/sigma/index.js'
import { lintSources } from '../src/lint/engine.js'
import { registry } from '../src/lint/checks/index.js'
import { createRedosChecker } from '../src/lint/redos.js'

const files: string[] = []
const walk = (p: string): void => {
  for (const e of readdirSync(p, { withFileTypes: true })) {
    const f = path.join(p, e.name)
    if (e.isDirectory()) walk(f)
    else if (/\.ya?ml$/.test(f)) files.push(f)
  }
}
for (const d of process.argv.slice(2)) walk(d)
const sources = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }))
const redosCache = new Map()
/** Median of three timed runs after a warm-up run (a single run swings ±30% on a busy 2-core machine). */
const time = async (fn: () => unknown): Promise<number> => {
  await fn()
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    await fn()
    runs.push((performance.now() - t0) / 1000)
  }
  return runs.sort((a, b) => a - b)[1] as number
}
const host = { redos: createRedosChecker(redosCache) }
const out = {
  'js-yaml loadAll': await time(() => sources.forEach((s) => loadAll(s.text))),
  'shared YAML loader (parseYamlDocuments, with source map)': await time(() => sources.forEach((s) => parseYamlDocuments(s.text, s.file))),
  'YAML fast path alone (parseYamlFast, no js-yaml fallback)': await time(() => sources.forEach((s) => parseYamlFast(s.text, s.file, {}, new LineIndex(s.text)))),
  'Sigma loader (YAML + schema + documents)': await time(() => sources.forEach((s) => loadSigmaText(s.text, s.file))),
  'lint, recommended checks': await time(() => lintSources(sources, { checks: registry, host })),
}
console.log(JSON.stringify(out))
