import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli, type CliRun } from '../../helpers/cli.js'

/** An object nested `depth` levels deep under key `a`, with `leaf` at the bottom (built without recursion). */
export function nested(depth: number, leaf: unknown = 'foo'): unknown {
  let v: unknown = leaf
  for (let i = 0; i < depth; i++) v = { a: v }
  return v
}

/** Arrays nested `depth` levels deep around `leaf`. */
export function nestedArrays(depth: number, leaf: unknown = 'foo'): unknown {
  let v: unknown = leaf
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

/** A minimal valid Sigma rule; `detection` is YAML indented by 4 under `detection:`. */
export function rule(opts: { id: string; title?: string; logsource?: string; detection: string; extra?: string }): string {
  return `title: ${opts.title ?? 'hostile ' + opts.id.slice(-4)}
id: ${opts.id}
status: test
description: hostile input
author: ruleproof
date: 2024-01-01
level: high
logsource:
${opts.logsource ?? '    product: windows\n    category: process_creation'}
detection:
${opts.detection}
${opts.extra ?? ''}`
}

/** A scratch folder with the given files. */
export function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-hostile-'))
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), text)
  }
  return dir
}

/** The CLI in-process with captured output. */
export const cli = (cwd: string, ...argv: string[]): Promise<CliRun> => runCli(cwd, ...argv)
