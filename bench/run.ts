/**
 * `npm run bench`: runs every bench/<area>.ts in its own process (so one area's JIT and heap do
 * not colour another's) and writes their markdown sections to BENCHMARKS.md.
 * Pass area names to run only those: `npm run bench -- lint eval`.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const only = process.argv.slice(2)
const areas = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((a) => only.length === 0 || only.includes(a))
  .sort()

const sections = new Map<string, string>()
for (const area of areas) {
  process.stderr.write(`bench: ${area}…\n`)
  const started = performance.now()
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${area}.ts`)], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (run.status !== 0) {
    sections.set(area, `## ${area}\n\nThe benchmark failed (exit ${run.status}); see its output.\n`)
    process.exitCode = 1
    continue
  }
  sections.set(area, run.stdout.trim() + `\n\n_(${area}: ${seconds} s wall time in all)_\n`)
}

const cpu = cpus()[0]?.model ?? 'unknown CPU'
const header = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (bench/run.ts); each section comes from bench/<area>.ts. Figures are',
  'from one run on the machine below: read them as orders of magnitude, not as guarantees — tests',
  'never assert timings.',
  '',
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
]
// A partial run replaces only its own areas' sections and keeps the others.
const file = join(root, 'BENCHMARKS.md')
const previous = new Map<string, string>()
if (existsSync(file)) {
  for (const m of readFileSync(file, 'utf8').matchAll(/<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) {
    previous.set(m[1] as string, m[2] as string)
  }
}
for (const [area, text] of sections) previous.set(area, text)
const body = [...previous.keys()].sort().map((a) => `<!-- bench:${a} -->\n${previous.get(a)}<!-- /bench:${a} -->\n`)
writeFileSync(file, header.join('\n') + '\n' + body.join('\n'))
