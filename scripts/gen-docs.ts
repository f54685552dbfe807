/** Writes docs/checks.md from every check's meta, docs/kql.md from the KQL engine's tables and docs/spl.md from the SPL engine's (run: npx tsx scripts/gen-docs.ts). */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { registry } from '../src/lint/checks/index.js'
import { renderChecksIndex } from '../src/lint/docs.js'
import { renderKqlDoc } from '../src/kql/docs.js'
import { renderSplDocs } from '../src/spl/docs.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const target = path.join(root, 'docs/checks.md')
writeFileSync(target, renderChecksIndex(registry))
console.log(`wrote ${target}`)
const kql = path.join(root, 'docs/kql.md')
writeFileSync(kql, renderKqlDoc())
console.log(`wrote ${kql}`)

const spl = path.join(root, 'docs/spl.md')
writeFileSync(spl, renderSplDocs())
console.log(`wrote ${spl}`)
