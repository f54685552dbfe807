import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { registry } from '../../src/lint/checks/index.js'
import { resolveLintConfig } from '../../src/lint/config.js'
import { lintSources } from '../../src/lint/engine.js'
import { writeFixes } from '../../src/lint/node/write-fixes.js'
import { sigma } from './helpers.js'

const WARN = sigma("selection:\n    requestURI|contains: '*/bin/sh*'\ncondition: selection", { head: 'description: Detects shells.\n' })

describe('writeFixes', () => {
  it('a fixed file that cannot be written is a warning, and its findings are those of the text on disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ruleproof-write-fixes-'))
    const file = path.join(dir, 'gone', 'r.yml')
    const options = { checks: registry, config: resolveLintConfig(undefined, registry), fix: true }
    const sources = [{ file, text: WARN }]
    const linted = await lintSources(sources, options)
    expect(linted.findings).toEqual([])
    expect(linted.fixed.size).toBe(1)
    // The folder is gone by the time lint writes.
    const warnings: string[] = []
    const result = await writeFixes(sources, linted, options, dir, warnings)
    expect(warnings).toEqual([`${path.join('gone', 'r.yml')} could not be written (ENOENT): not fixed`])
    expect(result.fixed.size).toBe(0)
    expect(result.findings.map((f) => f.check)).toEqual(['sigma-redundant-wildcard'])
    rmSync(dir, { recursive: true, force: true })
  })
})
