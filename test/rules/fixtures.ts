import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Writes files into a fresh temporary folder and returns it. */
export function repo(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'ruleproof-rules-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true })
    writeFileSync(path.join(d, name), text)
  }
  return d
}

/** A small Kubernetes audit Sigma rule; `extra` is appended as more top-level YAML. */
export function sigmaRule(id: string, title: string, extra = ''): string {
  return `title: ${title}
id: ${id}
status: test
description: CronJob created, a test fixture
author: ruleproof tests
date: 2026-11-23
logsource:
  product: kubernetes
  service: audit
detection:
  selection:
    verb: create
    objectRef.resource: cronjobs
  condition: selection
level: medium
${extra}`
}

export const ID_A = '6e3c6f0a-1a7e-4a53-9c1e-0a6c1f2b3c4d'
export const ID_B = '7f4d7a1b-2b8f-4b64-8d2f-1b7d2a3c4d5e'

export const CREATE = { verb: 'create', objectRef: { resource: 'cronjobs', namespace: 'default' } }
export const GET = { verb: 'get', objectRef: { resource: 'cronjobs', namespace: 'default' } }
