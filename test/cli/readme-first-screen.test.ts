// The README's first screen is what a new user copies: its snippets must be valid and say what the
// issue asks (fetch-depth 0, the ReDoS cache after npm ci, SARIF upload, Markdown job summary).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { commands } from '../../src/cli/commands/index.js'
import { checkArguments, prepareArguments } from '../../src/cli/usage.js'
import { projectRoot } from '../e2e/scratch.js'

const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8')
const section = readme.slice(readme.indexOf('## Add it to your rules repository'), readme.indexOf('\n## ', readme.indexOf('## Add it to your rules repository') + 5))
const block = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!)

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }

describe("README: adding ruleproof to a rules repository", () => {
  it('comes first, before the developer set-up', () => {
    expect(readme.indexOf('## Add it to your rules repository')).toBeLessThan(readme.indexOf('## Developing ruleproof'))
    expect(readme.indexOf('## Add it to your rules repository')).toBeLessThan(2_000)
  })

  it('installs from git or a tarball, and the test script is `vitest run`', () => {
    expect(block('sh')[0]).toMatch(/npm install --save-dev vitest git\+https:\/\/github\.com\/ruleproof\/ruleproof\.git/)
    expect(block('sh')[0]).toMatch(/ruleproof-\d+\.\d+\.\d+\.tgz/)
    const pkg = JSON.parse(block('json')[0]!) as { scripts: { test: string } }
    expect(pkg.scripts.test).toBe('vitest run')
    expect(block('ts')[0]).toContain("import { defineDetectionSuite } from 'ruleproof/vitest'")
  })

  it('has a GitHub Actions workflow with full history, the cache after npm ci, SARIF and a job summary', () => {
    const wf = load(block('yaml')[0]!) as { on: unknown; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> }
    const steps = Object.values(wf.jobs)[0]!.steps
    const at = (p: (s: Step) => boolean) => steps.findIndex(p)
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({ 'fetch-depth': 0 })
    const cache = at((s) => s.uses?.startsWith('actions/cache@') === true)
    expect(steps[cache]!.with?.['path']).toBe('node_modules/.cache/ruleproof')
    expect(cache).toBeGreaterThan(at((s) => s.run === 'npm ci'))
    expect(at((s) => s.run === 'npm test')).toBeGreaterThan(0)
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!
    expect(upload.if).toBe('always()')
    expect(wf.permissions['security-events']).toBe('write')
    const sarif = steps.find((s) => s.run?.includes('--format sarif'))!.run!
    expect(sarif).toContain(`--output ${upload.with?.['sarif_file'] as string}`)
    expect(steps.find((s) => s.run?.includes('--format markdown'))!.run).toMatch(/>> "\$GITHUB_STEP_SUMMARY"$/)
  })

  it("every ruleproof command line in it is valid usage", () => {
    const lines = block('yaml').join('\n').split('\n').filter((l) => l.includes('npx ruleproof '))
    expect(lines.length).toBeGreaterThanOrEqual(2)
    for (const line of lines) {
      const argv = line.slice(line.indexOf('npx ruleproof ') + 'npx ruleproof '.length).split('>>')[0]!.trim().replace(/\$\{\{[^}]+\}\}/g, 'main').split(/\s+/)
      const command = commands.find((c) => c.name === argv[0])!
      expect(command, line).toBeDefined()
      const options = Object.fromEntries(Object.entries(command.options).map(([k, o]) => [k, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }]))
      const parsed = parseArgs({ args: prepareArguments(command, argv.slice(1)), options, allowPositionals: true, strict: true })
      expect(() => checkArguments(command, parsed)).not.toThrow()
    }
  })
})
