// A scratch repository that uses ruleproof the way a user does: from the packed tarball,
// installed into node_modules, offline (its dependencies are linked from this checkout's).
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url))

/**
 * `npm pack` (which runs `prepack`: the build) into a temp folder; returns the tarball path.
 * It packs a copy of the package's sources, so the build's dist/ never lands in the checkout
 * (bin/ruleproof.js would prefer a stale dist/ over the sources there).
 */
export function packTarball(into: string): string {
  const copy = path.join(into, 'source')
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { files: string[] }
  for (const entry of new Set(['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'README.md', 'src', 'generators', ...pkg.files])) {
    if (entry === 'dist' || !existsSync(path.join(projectRoot, entry))) continue
    cpSync(path.join(projectRoot, entry), path.join(copy, entry), { recursive: true })
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(copy, 'node_modules'))
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', into], {
    cwd: copy,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
  })
  // npm may print the build's output before the JSON: the JSON is the last array in stdout.
  const json = out.slice(out.lastIndexOf('\n[') + 1)
  const [info] = JSON.parse(json) as { filename: string }[]
  return path.join(into, info!.filename)
}

/**
 * A fresh repository with the tarball unpacked as node_modules/ruleproof and every other
 * package linked from this checkout's node_modules: the same resolution `npm install` of the
 * tarball gives, without a network. vitest resolves to one real copy, so the library and the
 * runner share it (as a peerDependency should).
 */
export function scratchRepo(tarball: string, files: Record<string, string>, copies: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-e2e-'))
  const modules = path.join(dir, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(path.join(projectRoot, 'node_modules'))) {
    if (name === 'ruleproof' || name.startsWith('.')) continue
    symlinkSync(path.join(projectRoot, 'node_modules', name), path.join(modules, name))
  }
  const unpack = path.join(dir, '.unpack')
  mkdirSync(unpack)
  execFileSync('tar', ['-xzf', tarball, '-C', unpack])
  renameSync(path.join(unpack, 'package'), path.join(modules, 'ruleproof'))
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'scratch-rules', private: true, type: 'module' }, null, 2))
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), text)
  }
  for (const [rel, from] of Object.entries(copies)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    cpSync(path.join(projectRoot, from), path.join(dir, rel))
  }
  return dir
}

export interface VitestRun {
  status: number
  report: VitestJson
  output: string
}

export interface VitestJson {
  numFailedTests: number
  numPassedTests: number
  testResults: { name: string; assertionResults: { fullName: string; title: string; status: string; failureMessages: string[]; meta?: Record<string, unknown> }[] }[]
}

/** Runs the scratch repo's vitest (its own node_modules/vitest) with the JSON reporter. */
export function runVitest(dir: string, extra: string[] = []): VitestRun {
  const vitest = path.join(dir, 'node_modules', 'vitest', 'vitest.mjs')
  const outFile = path.join(dir, `vitest-${Date.now()}.json`)
  let status = 0
  let output = ''
  try {
    output = execFileSync(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${outFile}`, ...extra], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true', GITHUB_ACTIONS: '' },
    })
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string }
    status = err.status
    output = `${err.stdout}\n${err.stderr}`
  }
  return { status, report: JSON.parse(readFileSync(outFile, 'utf8')) as VitestJson, output }
}
