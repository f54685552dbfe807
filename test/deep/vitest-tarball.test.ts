// ruleproof as a user meets it: `npm pack`, installed into a scratch repository, every import the
// docs show, `defineDetectionSuite({ rules: 'rules' })` in a test file, vitest run there, the CLI.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packTarball, projectRoot, runVitest, scratchRepo, type VitestRun } from '../e2e/scratch.js'

const EKS_ONLY = 'fixtures/examples/eks-only-rule/eks_only_cronjob_created'
const SIGMA = 'rules/sigma/kubernetes_audit_cronjob_modification.yml'

let packDir: string
let tarball: string
let repo: string
let first: VitestRun

beforeAll(() => {
  packDir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-pack-'))
  tarball = packTarball(packDir)
  repo = scratchRepo(
    tarball,
    {
      'test/rules.test.ts': "import { defineDetectionSuite } from 'ruleproof/vitest'\ndefineDetectionSuite({ rules: 'rules' })\n",
      'test/empty.test.ts': "import { defineDetectionSuite } from 'ruleproof/vitest'\ndefineDetectionSuite({ rules: 'no-rules-here', name: 'empty' })\n",
      'no-rules-here/README.md': 'nothing to test\n',
      'test/broken.test.ts': "import { defineDetectionSuite } from 'ruleproof/vitest'\ndefineDetectionSuite({ rules: 'broken', name: 'broken' })\n",
      'broken/bad.yml': 'title: broken\nlogsource: {product: kubernetes, service: audit}\ndetection:\n  sel: {verb: create}\n  condition: sel and\n',
    },
    {
      'rules/eks_only_cronjob_created.yml': `${EKS_ONLY}.yml`,
      'rules/eks_only_cronjob_created.py': `${EKS_ONLY}.py`,
      'rules/kubernetes_audit_cronjob_modification.yml': SIGMA,
    },
  )
  first = runVitest(repo)
}, 240_000)

afterAll(() => {
  for (const d of [packDir, repo]) if (d) rmSync(d, { recursive: true, force: true })
})

const tests = (run: VitestRun, file: string) => run.report.testResults.find((t) => t.name.endsWith(file))?.assertionResults ?? []

describe('ruleproof/vitest from a packed tarball', () => {
  it('fails the run when a check fails', () => {
    expect(first.status).toBe(1)
  })

  it('registers one test per rule × case × variant and per property, with stable names', () => {
    const names = tests(first, 'rules.test.ts').map((t) => t.title)
    expect(names).toContain('Example: CronJob created (reads EKS field names only) › kubectl creates a CronJob [eks] (embedded)')
    expect(names).toContain('Example: CronJob created (reads EKS field names only) › kubectl creates a CronJob [gke] (replay)')
    expect(names).toContain('Example: CronJob created (reads EKS field names only) › kubectl creates a CronJob [aks] (property)')
    expect(names).toContain('Kubernetes CronJob/Job Modification › kubectl get cronjob is a read, not a modification [k8s] (embedded)')
    expect(names.every((n) => !/seed=/.test(n))).toBe(true)
    const again = runVitest(repo)
    expect(tests(again, 'rules.test.ts').map((t) => `${t.title} ${t.status}`)).toEqual(tests(first, 'rules.test.ts').map((t) => `${t.title} ${t.status}`))
  }, 120_000)

  it('fails a replay at the rule file line, names the variant, shows the event and the command to reproduce it', () => {
    const gke = tests(first, 'rules.test.ts').find((t) => t.title === 'Example: CronJob created (reads EKS field names only) › kubectl creates a CronJob [gke] (replay)')!
    expect(gke.status).toBe('failed')
    const message = gke.failureMessages.join('\n')
    expect(message).toContain('rules/eks_only_cronjob_created.yml:16 — Example: CronJob created (reads EKS field names only) (Example.EKSOnly.CronJobCreated) › kubectl creates a CronJob on gke (replay)')
    expect(message).toContain('expected match, got no match')
    expect(message).toContain('"protoPayload"')
    expect(message).toContain('reproduce: npx ruleproof check rules/eks_only_cronjob_created.yml --variants gke')
    expect(message).toMatch(/at Example\.EKSOnly\.CronJobCreated \(.*rules\/eks_only_cronjob_created\.yml:16:1\)/)
  })

  it('passes the checks that hold', () => {
    const byName = new Map(tests(first, 'rules.test.ts').map((t) => [t.title, t.status]))
    expect(byName.get('Example: CronJob created (reads EKS field names only) › kubectl creates a CronJob [eks] (embedded)')).toBe('passed')
    expect(byName.get('Example: CronJob created (reads EKS field names only) › kubectl gets a CronJob [gke] (replay)')).toBe('passed')
  })

  it('turns a rule that cannot be loaded into failing tests: its lint test named by its file, and the rule itself', () => {
    const broken = tests(first, 'broken.test.ts')
    expect(broken.map((t) => `${t.title} ${t.status}`)).toEqual(['broken/bad.yml failed', 'broken › (rule file) [k8s] (embedded) failed'])
    expect(broken[0]!.failureMessages.join('\n')).toContain('broken/bad.yml:5:')
  })

  it('turns "no rules found" into a failing placeholder test instead of an empty file', () => {
    const empty = tests(first, 'empty.test.ts')
    expect(empty.map((t) => `${t.title} ${t.status}`)).toEqual(['no rules found failed'])
    expect(empty[0]!.failureMessages.join('\n')).toContain('no detection rules found in no-rules-here')
  })
})

describe('the installed CLI (the bundle in dist/cli)', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [path.join(repo, 'node_modules/ruleproof/bin/ruleproof.js'), ...args], { cwd: repo, encoding: 'utf8' })

  it('ships the bundle, and bin/ruleproof.js runs it outside a checkout', () => {
    expect(existsSync(path.join(repo, 'node_modules/ruleproof/dist/cli/bin.js'))).toBe(true)
    expect(existsSync(path.join(repo, 'node_modules/ruleproof/tsconfig.json'))).toBe(false)
    const version = cli(['--version'])
    expect(version.status).toBe(0)
    expect(version.stdout).toMatch(/^ruleproof \d+\.\d+\.\d+/)
  })

  it('lints, with findings at file:line', () => {
    const r = cli(['lint', 'rules', 'broken', '--format', 'json'])
    const out = JSON.parse(r.stdout) as { summary: { files: number }; findings: { check: string; file: string; line: number }[] }
    expect(out.summary.files).toBe(3)
    expect(out.findings.some((f) => f.file.endsWith('broken/bad.yml') && f.line === 5)).toBe(true)
  })

  it('runs a Panther rule through the Python worker shipped next to the bundle', () => {
    const r = cli(['check', 'rules/eks_only_cronjob_created.yml', '--kinds', 'embedded', '--variants', 'eks'])
    expect(r.stderr).not.toContain('Error')
    expect(r.stdout).toContain('PASS  Example: CronJob created (reads EKS field names only) › kubectl creates a CronJob [eks] (embedded)')
  })

  it('generates on worker threads with the bundled worker, byte-identical to one thread', () => {
    const out = (jobs: string) => {
      const dir = path.join(repo, `dataset-${jobs}`)
      const r = cli(['generate', '--out', dir, '--count', '3000', '--variants', 'gke', '--jobs', jobs])
      expect(r.status).toBe(0)
      return readFileSync(path.join(dir, 'gke.ndjson'), 'utf8')
    }
    expect(out('2')).toBe(out('1'))
  })
})

/** Every `import { … } from 'ruleproof…'` in the README and docs/, with the file it is in. */
function docImports(): { file: string; names: string[]; from: string; line: string }[] {
  const files = ['README.md', ...readdirSync(path.join(projectRoot, 'docs'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
  const out: { file: string; names: string[]; from: string; line: string }[] = []
  for (const file of files) {
    for (const m of readFileSync(path.join(projectRoot, file), 'utf8').matchAll(/^import \{([^}]+)\} from '(ruleproof[^']*)'/gm)) {
      out.push({ file, names: m[1]!.split(',').map((n) => n.trim().replace(/^type /, '')).filter(Boolean), from: m[2]!, line: m[0] })
    }
  }
  return out
}

describe('the package a user installs', () => {
  it('ships the build, the bin and the docs, no TypeScript sources', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean)
    expect(listed.filter((f) => /^package\/(src|generators|test|rules|fixtures|scripts)\//.test(f))).toEqual([])
    expect(listed.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([])
    expect(listed.filter((f) => f.endsWith('.pyc') || f.includes('__pycache__'))).toEqual([])
    expect(listed).toContain('package/dist/src/index.js')
    expect(listed).toContain('package/dist/generators/index.js')
    expect(listed).toContain('package/dist/cli/bin.js')
    expect(listed).toContain('package/bin/ruleproof.js')
  })

  it('no doc imports ruleproof/src/… or a path inside this repository', () => {
    const files = ['README.md', ...readdirSync(path.join(projectRoot, 'docs'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
    const bad = files.flatMap((f) => readFileSync(path.join(projectRoot, f), 'utf8').split('\n').filter((l) => /from '(ruleproof\/src\/|\.\.?\/(src|generators)\/)/.test(l)).map((l) => `${f}: ${l}`))
    expect(bad).toEqual([])
  })

  it('every import the docs show resolves from the installed package, with its types', () => {
    const imports = docImports()
    expect(new Set(imports.map((i) => i.from))).toEqual(new Set(['ruleproof', 'ruleproof/vitest', 'ruleproof/generators']))
    // Values at run time (ESM, as a user's script imports them), outside vitest for the root and generators.
    const script = imports
      .filter((i) => i.from !== 'ruleproof/vitest')
      .map((i, n) => `import * as m${n} from '${i.from}'\nfor (const k of ${JSON.stringify(i.names)}) if (m${n}[k] === undefined) missing.push('${i.file}: ${i.from}: ' + k)`)
    writeFileSync(path.join(repo, 'doc-imports.mjs'), `const missing = []\n${script.join('\n')}\nconsole.log(JSON.stringify(missing))\n`)
    const r = spawnSync(process.execPath, ['doc-imports.mjs'], { cwd: repo, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual([])
    // Types: the same import lines, type-checked against the package's exports (nodenext resolution).
    const lines = [...new Set(imports.map((i) => i.line))]
    const used = [...new Set(imports.flatMap((i) => i.names))]
    writeFileSync(path.join(repo, 'doc-imports.ts'), `${lines.join('\n')}\nexport const used = [${used.join(', ')}]\n`)
    const tsc = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', 'doc-imports.ts'], { cwd: repo, encoding: 'utf8' })
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.status).toBe(0)
  })

  it('ruleproof/vitest imports in a vitest file, and the library and generators do real work', () => {
    writeFileSync(
      path.join(repo, 'test/api.test.ts'),
      [
        "import fc from 'fast-check'",
        "import { expect, it } from 'vitest'",
        "import { compileDetection, loadSigmaText, sigmaRulesFromDocuments } from 'ruleproof'",
        "import { checkTester, defineDetectionSuite } from 'ruleproof/vitest'",
        "import { clusterContext, familyArbitrary } from 'ruleproof/generators'",
        "it('works', () => {",
        "  expect(typeof defineDetectionSuite).toBe('function')",
        "  expect(typeof checkTester.run).toBe('function')",
        "  const loaded = loadSigmaText('title: t\\nlogsource: {product: kubernetes, service: audit}\\ndetection:\\n  sel: {verb: create}\\n  condition: sel\\n', 'r.yml')",
        "  const [rule] = sigmaRulesFromDocuments(loaded.documents)",
        "  expect(rule!.compiled('k8s').match({ verb: 'create' })).toBe(true)",
        "  expect(compileDetection({ sel: { verb: 'get' }, condition: 'sel' }).match({ verb: 'get' })).toBe(true)",
        "  const [sample] = fc.sample(familyArbitrary('atomic.reverse-shell-cronjob', { context: clusterContext.example('eks') }), 1)",
        "  expect(sample!.labels.malicious).toBe(true)",
        '})',
      ].join('\n'),
    )
    const r = runVitest(repo, ['test/api.test.ts'])
    expect(r.report.testResults[0]?.assertionResults.map((a) => `${a.title} ${a.status} ${a.failureMessages.join('')}`)).toEqual(['works passed '])
  }, 120_000)
})
