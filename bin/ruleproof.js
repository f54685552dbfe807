#!/usr/bin/env node
// An installed package runs the bundled CLI (dist/cli, built by `npm run build`); a checkout (which has tsconfig.json) runs the
// TypeScript source through tsx, so a stale dist/ can never shadow the code being edited.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url))
const checkout = existsSync(fileURLToPath(new URL('../tsconfig.json', import.meta.url)))
if (!checkout && existsSync(built)) {
  await import(pathToFileURL(built).href)
} else if (!checkout) {
  process.stderr.write('ruleproof: dist/ is missing: this copy of ruleproof was installed without its build (a git dependency builds it through `prepare`; run `npm run build` in its folder)\n')
  process.exitCode = 2
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('../src/cli/bin.ts', import.meta.url).href)
}
