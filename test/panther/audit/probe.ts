import path from 'node:path'
import { afterAll } from 'vitest'
import type { LoadedRule } from '../../../src/model/rule.js'
import { loadPantherRules, type PantherLoad, type PantherResult } from '../../../src/panther/index.js'
import { repo, ruleYaml, testYaml } from '../helpers.js'

export { hasPython, repo, ruleYaml, testYaml } from '../helpers.js'

const loads: PantherLoad[] = []
afterAll(async () => {
  for (const l of loads) await l.close()
})

/** Loads every file of a temporary repository (relative path → text) from its root folder. */
export async function loadRepo(files: Record<string, string>, folder = '.'): Promise<PantherLoad & { dir: string }> {
  const dir = repo(files)
  const l = await loadPantherRules([path.join(dir, folder)], { cwd: dir })
  loads.push(l)
  return { ...l, dir }
}

/** Loads one Python rule `rules/rule.py` with `tests` (YAML list items) and more files. */
export async function loadRule(py: string, tests: string[], more: Record<string, string> = {}, yamlExtra = '', logTypes?: string[]) {
  return loadRepo({
    'rules/rule.yml': ruleYaml('Audit.Rule', 'rule.py', `${yamlExtra}\nTests:\n${tests.join('\n')}\n`, logTypes),
    'rules/rule.py': py,
    ...more,
  })
}

export async function runAll(rule: LoadedRule | undefined): Promise<PantherResult[]> {
  if (!rule) throw new Error('rule not loaded')
  const out: PantherResult[] = []
  for (const t of rule.tests) out.push((await rule.runTest(t)) as PantherResult)
  return out
}

/**
 * Runs `body` (Python statements filling a dict `out` from `event`) inside alert_context() of a
 * rule that always fires, on one test log, and returns `out` as JSON.
 */
export async function probe(body: string, log: unknown, more: Record<string, string> = {}, logTypes?: string[]): Promise<Record<string, unknown>> {
  const indented = body
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')
  const py = `import json\n\ndef rule(event):\n    return True\n\ndef alert_context(event):\n    out = {}\n    def err(fn):\n        try:\n            return ["ok", fn()]\n        except Exception as e:\n            return [type(e).__name__, str(e)]\n${indented}\n    return json.loads(json.dumps(out, default=type(event).json_encoder))\n`
  const l = await loadRule(py, [testYaml('probe', true, log)], more, '', logTypes)
  if (l.findings.some((f) => f.severity === 'error')) throw new Error(JSON.stringify(l.findings))
  const [result] = await runAll(l.rules[0])
  if (result?.status !== 'pass') throw new Error(`probe failed: ${result?.message}`)
  return result.outputs?.alert_context as Record<string, unknown>
}

export { testYaml as t }
