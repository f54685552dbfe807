#!/usr/bin/env node
// Runs the built CLI when present (packed tarball), else the TypeScript source through tsx.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../dist/src/cli/bin.js', import.meta.url))
if (existsSync(built)) {
  await import(pathToFileURL(built).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('../src/cli/bin.ts', import.meta.url).href)
}
