// `npm install git+https://…/ruleproof.git` (the README's way to add ruleproof before it is on npm).
// npm (pacote) clones the repository, installs its dependencies, runs only its `prepare` script
// and packs what `files` lists. Offline here: the tracked files stand for the clone and this
// checkout's node_modules for the install; the steps after are npm's.
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot, scratchRepo } from '../e2e/scratch.js'

let tmp: string
let clone: string
let tarball: string

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-gitdep-'))
  clone = path.join(tmp, 'clone')
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: projectRoot, encoding: 'utf8' }).split('\0').filter(Boolean)
  for (const f of tracked) {
    if (!existsSync(path.join(projectRoot, f))) continue // deleted in the work tree, not yet committed
    mkdirSync(path.dirname(path.join(clone, f)), { recursive: true })
    copyFileSync(path.join(projectRoot, f), path.join(clone, f))
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(clone, 'node_modules'))
}, 120_000)

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('ruleproof as a git dependency', () => {
  it('has no dist/ in git: prepare builds it', () => {
    expect(existsSync(path.join(clone, 'dist'))).toBe(false)
    const pkg = JSON.parse(readFileSync(path.join(clone, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts['prepare']).toBe('npm run build')
    const r = spawnSync('npm', ['run', 'prepare'], { cwd: clone, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } })
    expect(r.status, r.stderr).toBe(0)
    expect(existsSync(path.join(clone, 'dist/src/index.js'))).toBe(true)
    expect(existsSync(path.join(clone, 'dist/cli/bin.js'))).toBe(true)
  }, 120_000)

  it('packs and installs into a rules repository, whose CLI and library work', () => {
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: clone, encoding: 'utf8' })
    tarball = path.join(tmp, (JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[])[0]!.filename)
    const repo = scratchRepo(tarball, { 'use.mjs': "import { loadSigmaText } from 'ruleproof'\nconsole.log(typeof loadSigmaText)\n" }, { 'rules/rule.yml': 'rules/sigma/kubernetes_audit_cronjob_modification.yml' })
    try {
      const version = spawnSync(process.execPath, ['node_modules/ruleproof/bin/ruleproof.js', 'test', 'rules'], { cwd: repo, encoding: 'utf8' })
      expect(version.status, version.stderr).toBe(0)
      expect(version.stdout).toMatch(/passed, 0 failed/)
      expect(spawnSync(process.execPath, ['use.mjs'], { cwd: repo, encoding: 'utf8' }).stdout).toBe('function\n')
    } finally {
      rmSync(repo, { recursive: true, force: true })
    }
  }, 120_000)
})
