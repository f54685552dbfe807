#!/usr/bin/env node
// `npm run build` (and `prepack`): compile src/ and generators/ to dist/ with tsc, then copy the
// files tsc does not emit (the Panther worker's Python, YAML pipelines, JSON data) next to the JS
// that loads them by relative path. Then bundle the CLI into dist/cli/ (what bin/ruleproof.js
// runs when installed): one ESM file per lazily loaded command instead of ~200 modules, which
// halves the start-up of a command (loading modules one by one was most of `lint` on a few files).
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
rmSync(dist, { recursive: true, force: true })
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root })
} catch {
  process.exitCode = 1
  throw new Error('build: tsc reported errors (see above)')
}
let copied = 0
for (const top of ['src', 'generators']) {
  for (const entry of readdirSync(path.join(root, top), { recursive: true, withFileTypes: true })) {
    // Python's bytecode caches (written whenever the worker ran from the sources) are not assets.
    if (!entry.isFile() || entry.name.endsWith('.ts') || entry.name.endsWith('.pyc')) continue
    const from = path.join(entry.parentPath ?? entry.path, entry.name)
    const to = path.join(dist, path.relative(root, from))
    mkdirSync(path.dirname(to), { recursive: true })
    copyFileSync(from, to)
    copied++
  }
}
// Code that reads the package's version relative to its own file (src/report/tool.ts reads
// ../../package.json) finds this one in the build; "type" keeps dist/ ESM.
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
writeFileSync(path.join(dist, 'package.json'), JSON.stringify({ name: `${pkg.name}-build`, version: pkg.version, private: true, type: 'module' }, null, 2) + '\n')

// The bundle keeps packages external (they are dependencies, resolved from node_modules). Files
// found relative to import.meta.url must sit next to the chunks: the dataset worker is an entry
// of its own (dataset/pool.ts starts ./worker.js), the Panther worker's Python is copied, and
// ../../package.json from dist/cli/ is the package's own.
const cli = path.join(dist, 'cli')
await build({
  entryPoints: { bin: path.join(dist, 'src/cli/bin.js'), worker: path.join(dist, 'src/dataset/worker.js') },
  outdir: cli,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
})
const pantherWorker = path.join(root, 'src/panther/worker')
for (const f of readdirSync(pantherWorker)) if (f.endsWith('.py')) copyFileSync(path.join(pantherWorker, f), path.join(cli, f))
console.log(`build: dist/ written (${copied} asset files copied), CLI bundled in dist/cli/`)
