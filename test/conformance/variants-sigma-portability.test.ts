/**
 * Every SigmaHQ kubernetes/audit rule gives the same verdict on k8s, eks, aks and gke for the
 * same action, through the variants' pipelines — unless it reads a field a pipeline reports as
 * unsupported (then that variant is skipped, with the reason).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../src/model/audit-event.js'
import { parseYamlDocuments } from '../../src/shared/yaml/index.js'
import { compileDetection } from '../../src/sigma/compile/index.js'
import { pipelineFor } from '../../src/sigma/pipeline/index.js'
import { variants } from '../../src/variants/index.js'
import { auditEvent } from '../../generators/index.js'
import { arbAuditEvent, arbClusterContext } from '../variants/arbitrary.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const folder = path.resolve(projectRoot, '../shared/corpus/sigmahq/rules/application/kubernetes/audit')
const K8S_AUDIT = { product: 'kubernetes', service: 'audit' }
const VARIANTS = ['k8s', 'eks', 'aks', 'gke'] as const

/** What the managed providers all log the same way (one caller IP, conventional codes). */
function portable(e: AuditEvent): AuditEvent {
  const code = e.responseStatus?.code ?? 200
  const fixed = code < 400 ? (e.verb === 'create' ? 201 : 200) : [401, 403, 404, 500].includes(code) ? code : 403
  const stage = e.objectRef?.subresource && ['exec', 'attach', 'portforward'].includes(e.objectRef.subresource) ? 'ResponseStarted' : 'ResponseComplete'
  const out: AuditEvent = { ...e, stage, sourceIPs: e.sourceIPs?.slice(-1), responseStatus: fixed < 400 ? { metadata: {}, code: fixed } : { ...e.responseStatus, code: fixed } }
  if (out.responseObject?.kind === 'Status') out.responseObject = { ...out.responseObject, code: fixed }
  if (Array.isArray(out.requestObject)) delete out.requestObject
  // Query strings are not in GKE entries: a portable action's URI has none.
  out.requestURI = out.requestURI.split('?')[0]!
  return out
}

describe.skipIf(!existsSync(folder))('SigmaHQ kubernetes/audit rules are portable across k8s, eks, aks, gke', () => {
  const rules = existsSync(folder)
    ? readdirSync(folder).filter((f) => f.endsWith('.yml')).sort().map((f) => {
        const doc = parseYamlDocuments(readFileSync(path.join(folder, f), 'utf8'), f)[0]!.value as { detection: Record<string, unknown> }
        return [f, doc.detection] as const
      })
    : []

  it('finds the rules', () => {
    expect(rules.length).toBeGreaterThanOrEqual(16)
  })

  it.each(rules)('%s', (_file, detection) => {
    const compiled = VARIANTS.map((v) => {
      const p = pipelineFor(K8S_AUDIT, v)!
      const unsupported: string[] = []
      const rule = compileDetection(detection, { accessor: (f) => p.accessor(f), keywords: p.keywords, onUnsupportedField: (f) => unsupported.push(`${f}: ${p.unsupported(f)}`) })
      return { v, rule, unsupported }
    })
    for (const c of compiled) expect(c.unsupported, c.v).toEqual([])
    fc.assert(
      // The compact arbitrary (every resource and verb) and the realistic scenario families (pod specs, host mounts).
      fc.property(fc.oneof(arbAuditEvent, auditEvent({ families: '*' })).map(portable), arbClusterContext, (e, ctx) => {
        const verdicts = compiled.map(({ v, rule }) => rule.match(variants[v].encode(e, ctx)))
        expect(new Set(verdicts).size, JSON.stringify(verdicts)).toBe(1)
      }),
      { numRuns: 300, seed: 99 },
    )
  })
})
