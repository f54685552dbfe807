/**
 * The cost of `--isolate` (one fresh Python worker per rule file, in its own user, network and
 * PID namespaces where Linux allows): loading and testing a repository of small Panther rule
 * files with one shared worker and with one worker per file. Prints a markdown section.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { loadPantherRules } from '../src/panther/index.js'
import { namespaceSupport } from '../src/panther/worker/sandbox.js'
import { runEmbeddedTests } from '../src/rules/run-tests.js'

const FILES = 30
const TESTS = 4
const ROUNDS = 3

const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-bench-isolate-'))
mkdirSync(path.join(dir, 'rules'))
for (let i = 0; i < FILES; i++) {
  const tests = Array.from({ length: TESTS }, (_, t) =>
    [`  - Name: test ${t}`, `    ExpectedResult: ${t % 2 === 0}`, `    Log: {"verb": "${t % 2 === 0 ? 'create' : 'get'}", "n": ${t}}`].join('\n'),
  )
  writeFileSync(
    path.join(dir, 'rules', `r${i}.yml`),
    ['AnalysisType: rule', `RuleID: Bench.R${i}`, 'Enabled: true', `Filename: r${i}.py`, 'Severity: Low', 'LogTypes:', '  - Amazon.EKS.Audit', 'Tests:', ...tests, ''].join('\n'),
  )
  writeFileSync(path.join(dir, 'rules', `r${i}.py`), `def rule(event):\n    return event.get("verb") == "create"\n\ndef title(event):\n    return "rule ${i}"\n`)
}

async function measure(isolate: boolean): Promise<{ load: number; test: number; passed: number }> {
  let best = { load: Infinity, test: Infinity, passed: 0 }
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now()
    const load = await loadPantherRules([path.join(dir, 'rules')], { isolate })
    const t1 = performance.now()
    const results = await runEmbeddedTests(load.rules)
    const t2 = performance.now()
    await load.close()
    if (t2 - t0 < best.load + best.test) best = { load: t1 - t0, test: t2 - t1, passed: results.filter((r) => r.status === 'pass').length }
  }
  return best
}

const shared = await measure(false)
const isolated = await measure(true)
rmSync(dir, { recursive: true, force: true })
const ns = namespaceSupport()
const row = (name: string, m: { load: number; test: number; passed: number }): string =>
  `| ${name} | ${m.load.toFixed(0)} ms | ${m.test.toFixed(0)} ms | ${(m.load + m.test).toFixed(0)} ms | ${((m.load + m.test) / FILES).toFixed(1)} ms | ${m.passed} |`
console.log(`## Panther --isolate

${FILES} rule files of ${TESTS} tests each, loaded and tested, best of ${ROUNDS} rounds. Shared: one worker for the
run. Isolated: one fresh worker per rule file (at most max(2, cores) alive; a file's worker is started
once to import the rule at load time and again for its tests when it was closed to make room; two
pristine workers start ahead of need, so start-ups overlap)${ns.ok ? ', each in new user, network and PID namespaces (`unshare`)' : `; namespaces unavailable here (${ns.why})`}.
Every worker runs \`python3 -I\` under a supervisor process with resource limits.

| mode | load | tests | total | per rule file | passed |
| --- | ---: | ---: | ---: | ---: | ---: |
${row('shared worker', shared)}
${row('--isolate', isolated)}

Load average at the end: ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores: other work on the machine inflates these figures, the isolated row
most (it is mostly process start-up).
\`--isolate\` costs about ${((isolated.load + isolated.test - shared.load - shared.test) / FILES).toFixed(0)} ms per rule file here: interpreter start-up, the runner's imports and
the global helpers' import, once or twice per file.`)
