import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { lintPaths } from '../../src/lint/node/lint-paths.js'

const projectRoot = path.resolve(import.meta.dirname, '../..')
const corpus = path.resolve(projectRoot, '../shared/corpus')
const ACTIVE = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-placeholder']

describe.skipIf(!existsSync(path.join(corpus, 'sigmahq')))('lint over the real corpora', () => {
  it('lints all 4040 SigmaHQ files without a crash; only legacy folders hold load errors', async () => {
    const r = await lintPaths([path.join(corpus, 'sigmahq')], { cwd: projectRoot })
    expect(r.files).toBe(4040)
    expect(r.unloadable).toEqual([])
    const active = r.findings.filter((f) => ACTIVE.some((d) => f.file.includes(`/sigmahq/${d}/`)))
    // The active rules pass SigmaHQ's own CI: no schema, load or compile error there.
    expect(active.filter((f) => /^(sigma-schema|sigma-legacy|sigma-compile|yaml-syntax|sigma-undefined-selection)$/.test(f.check))).toEqual([])
    // What the domain checks find in the Kubernetes and Azure rules (docs/lint-findings.md).
    const k8s = active.filter((f) => f.file.includes('/application/kubernetes/') || f.file.includes('/cloud/azure/activity_logs/azure_kubernetes'))
    const byCheck = (id: string) => k8s.filter((f) => f.check === id).map((f) => path.basename(f.file)).sort()
    expect(byCheck('field-not-in-logsource')).toEqual([
      'kubernetes_audit_hostpath_mount.yml',
      'kubernetes_audit_privileged_pod_creation.yml',
      'kubernetes_audit_rbac_permisions_listing.yml',
      'kubernetes_audit_sidecar_injection.yml',
    ])
    expect(byCheck('field-type-mismatch')).toEqual(['kubernetes_audit_potential_enumeration_activity.yml'])
    expect(byCheck('field-value-domain')).toHaveLength(4)
    expect(byCheck('azure-activity-data-action').length).toBeGreaterThanOrEqual(9)
    expect(byCheck('attack-mapping-contradiction')).toEqual(['azure_kubernetes_cronjob.yml'])
    // Legacy folders fail in their known ways (slash dates, Sigma 1 aggregations).
    const legacy = r.findings.filter((f) => /\/sigmahq\/(deprecated|unsupported|other)\//.test(f.file))
    expect(legacy.some((f) => f.check === 'sigma-date')).toBe(true)
    expect(legacy.some((f) => f.check === 'sigma-legacy')).toBe(true)
  })

  it.skipIf(!existsSync(path.join(corpus, 'panther')))('lints the Panther corpus without a crash', async () => {
    const r = await lintPaths([path.join(corpus, 'panther')], { cwd: projectRoot })
    expect(r.files).toBe(80)
    expect(r.unloadable).toEqual([])
    // The corpus ships YAML only: every Filename is missing, and the CronJob rules map T1053.003.
    expect(r.findings.some((f) => f.check === 'panther-missing-file')).toBe(true)
    expect(r.findings.filter((f) => f.check === 'attack-mapping-contradiction').map((f) => path.basename(f.file)).sort()).toEqual([
      'gcp_k8s_cron_job_created_or_modified.yml',
      'k8s_cronjob_created_or_modified.yml',
    ])
  })
})
