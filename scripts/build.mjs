#!/usr/bin/env node
// `npm run build` (and `prepack`): compile src/ and generators/ to dist/ with tsc, then copy the
// files tsc does not emit (the Panther worker's Python, YAML pipelines, JSON data) next to the JS
// that loads them by relative path.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue
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
console.log(`build: dist/ written (${copied} asset files copied)`)
