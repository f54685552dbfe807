/**
 * Every Kubernetes test log in panther-analysis (p_log_type — or the rule's only LogType —
 * Amazon.EKS.Audit, Azure.MonitorActivity, GCP.AuditLog) decodes, validates as a partial record
 * of its variant, and re-encodes equivalently (src/variants/equivalence.ts: every value present
 * in the sample is present and equal after decode → encode, up to documented normalisations).
 * Panther's test logs are hand-written and partial; where one is not a provider record at all, or
 * contradicts the observed format, it is listed below with the reason — a sample that starts
 * passing, or a new failure, fails this test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseYamlDocuments } from '../../src/shared/yaml/index.js'
import { detectVariant, variantForPantherLogType } from '../../src/variants/index.js'
import { reencodeEquivalence } from '../../src/variants/equivalence.js'
import { DecodeError } from '../../src/variants/shared/errors.js'
import { validateRecord } from '../../src/variants/validate.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const corpus = path.resolve(projectRoot, '../shared/corpus/panther/rules')

const LOG_TYPES = new Set(['Amazon.EKS.Audit', 'Azure.MonitorActivity', 'GCP.AuditLog'])

type Outcome = 'not-kubernetes' | 'misplaced-fields' | 'not-carried'

/** `<dir>/<file>|<test name>` → what happens and why. */
const EXCEPTIONS: Record<string, [Outcome, string]> = {
  'gcp_k8s_rules/gcp_k8s_cron_job_created_or_modified.yml|create': ['not-kubernetes', 'a deploymentmanager.googleapis.com entry, not a GKE API-server entry'],
  'gcp_k8s_rules/gcp_k8s_cron_job_created_or_modified.yml|update': ['not-kubernetes', 'a deploymentmanager.googleapis.com entry'],
  'gcp_k8s_rules/gcp_k8s_cron_job_created_or_modified.yml|fail': ['not-kubernetes', 'a deploymentmanager.googleapis.com entry'],
  'gcp_k8s_rules/gcp_k8s_new_daemonset_deployed.yml|privilege-escalation': ['not-kubernetes', 'a deploymentmanager.googleapis.com entry'],
  'gcp_k8s_rules/gcp_k8s_new_daemonset_deployed.yml|fail': ['not-kubernetes', 'a deploymentmanager.googleapis.com entry'],
  'gcp_k8s_rules/gcp_k8s_ioc_activity.yml|triggers': ['not-kubernetes', 'only operation.producer and p_enrichment: no protoPayload to decode'],
  'gcp_k8s_rules/gcp_k8s_ioc_activity.yml|ignore': ['not-kubernetes', 'only operation.producer and p_enrichment'],
  'kubernetes_rules/k8s_ioc_activity.yml|Non-K8s GCP Activity (Excluded)': ['not-kubernetes', 'a compute.googleapis.com entry (the rule must ignore it)'],
  'kubernetes_rules/k8s_ioc_activity.yml|Non-K8s Azure Activity (Excluded)': ['not-kubernetes', 'an Administrative Activity record for a VM write (the rule must ignore it)'],
  'gcp_k8s_rules/gcp_k8s_exec_into_pod.yml|Disallowed User': ['misplaced-fields', 'timestamp written inside protoPayload; LogEntry.timestamp is top level'],
  'gcp_k8s_rules/gcp_k8s_exec_into_pod.yml|Disallowed User2 - not an allowed namespace': ['misplaced-fields', 'timestamp inside protoPayload'],
  'gcp_k8s_rules/gcp_k8s_pod_attached_to_node_host_network.yml|triggers': ['misplaced-fields', 'authorizationInfo at the LogEntry top level instead of in protoPayload'],
  'gcp_k8s_rules/gcp_k8s_pod_attached_to_node_host_network.yml|ignore': ['misplaced-fields', 'authorizationInfo at the top level'],
  'gcp_k8s_rules/gcp_k8s_pod_using_host_pid_namespace.yml|triggers': ['misplaced-fields', 'authorizationInfo at the top level'],
  'gcp_k8s_rules/gcp_k8s_pod_using_host_pid_namespace.yml|ignore': ['misplaced-fields', 'authorizationInfo at the top level'],
  'gcp_k8s_rules/gcp_k8s_service_type_node_port_deployed.yml|No Permission Granted': ['misplaced-fields', 'spec inside protoPayload, serviceName and status at the top level'],
  'kubernetes_rules/k8s_secrets_dump_all_namespaces.yml|GKE cluster-wide secret list': ['misplaced-fields', 'requestURI inside protoPayload: GKE entries have no request URI'],
  'kubernetes_rules/k8s_anonymous_api_access.yml|GCP GKE Anonymous API Access': ['not-carried', 'authenticationInfo.authoritySelector: decoded as the username, re-encoded as principalEmail'],
  'kubernetes_rules/k8s_anonymous_api_access.yml|Google Load Balancer Health Check (excluded)': ['not-carried', 'authenticationInfo.authoritySelector'],
  'kubernetes_rules/k8s_clusterrolebinding_privileged.yml|GKE ClusterRoleBinding to admin role': ['not-carried', 'methodName io.k8s.rbac.…: observed GKE entries spell the group io.k8s.authorization.rbac (logformats §5.3)'],
  'kubernetes_rules/k8s_role_node_proxy_permissions.yml|GKE ClusterRole with nodes proxy access': ['not-carried', 'methodName io.k8s.rbac.… (observed: io.k8s.authorization.rbac.…)'],
  'kubernetes_rules/k8s_role_pod_exec.yml|GKE ClusterRole with multiple resources including pods/exec': ['not-carried', 'methodName io.k8s.rbac.…'],
  'kubernetes_rules/k8s_role_wildcard.yml|GKE ClusterRole with wildcard resources only': ['not-carried', 'methodName io.k8s.rbac.…'],
  'kubernetes_rules/k8s_role_write_permissions.yml|GKE ClusterRole with deletecollection': ['not-carried', 'methodName io.k8s.rbac.…'],
  'kubernetes_rules/k8s_system_role_modified.yml|GKE system Role patched': ['not-carried', 'methodName io.k8s.rbac.…'],
  'kubernetes_rules/k8s_system_principal_public_ip.yml|GKE Anonymous Readyz Check via RequestURI': ['not-carried', 'a non-resource request (io.k8s.readyz): decoded, but ruleproof writes no GKE entry for non-resource requests (shape not observed)'],
  'kubernetes_rules/k8s_system_principal_public_ip.yml|GKE system:anonymous Health Check (Excluded - Anonymous)': ['not-carried', 'a non-resource request (io.k8s.readyz)'],
}

interface Sample {
  key: string
  logType: string
  log: Record<string, unknown>
}

function samples(): Sample[] {
  const out: Sample[] = []
  for (const dir of readdirSync(corpus).sort()) {
    for (const file of readdirSync(path.join(corpus, dir)).sort()) {
      if (!file.endsWith('.yml')) continue
      const text = readFileSync(path.join(corpus, dir, file), 'utf8')
      const [doc] = parseYamlDocuments(text, file)
      const rule = doc?.value as { LogTypes?: string[]; Tests?: { Name: string; Log: Record<string, unknown> }[] }
      for (const t of rule.Tests ?? []) {
        const logType = (t.Log.p_log_type as string | undefined) ?? (rule.LogTypes?.length === 1 ? rule.LogTypes[0] : undefined)
        if (logType && LOG_TYPES.has(logType)) out.push({ key: `${dir}/${file}|${t.Name}`, logType, log: t.Log })
      }
    }
  }
  return out
}

describe.skipIf(!existsSync(corpus))('variants: panther-analysis Kubernetes test logs', () => {
  const all = existsSync(corpus) ? samples() : []

  it('finds the test logs of the three Kubernetes log types', () => {
    expect(all.length).toBeGreaterThan(200)
    expect(new Set(all.map((s) => s.logType))).toEqual(LOG_TYPES)
  })

  it.each(all.map((s) => [s.key, s] as const))('%s', (_key, sample) => {
    const exception = EXCEPTIONS[sample.key]
    const variant = sample.logType === 'Azure.MonitorActivity' ? detectVariant(sample.log) : variantForPantherLogType(sample.logType)
    if (exception?.[0] === 'not-kubernetes') {
      // Not a Kubernetes audit record: no variant claims it, or its variant's decoder refuses it by name.
      if (variant !== undefined) expect(() => reencodeEquivalence(variant, sample.log)).toThrow(DecodeError)
      return
    }
    expect(variant, 'a variant').toBeDefined()
    const problems = validateRecord(variant!, sample.log, { partial: true })
    const eq = reencodeEquivalence(variant!, sample.log)
    if (exception?.[0] === 'misplaced-fields') {
      expect(problems.length + eq.differences.length, 'documented as misplaced; it now passes: remove the exception').toBeGreaterThan(0)
      return
    }
    expect(problems).toEqual([])
    if (exception?.[0] === 'not-carried') {
      expect(eq.differences.length, 'documented as not carried; it now passes: remove the exception').toBeGreaterThan(0)
      return
    }
    expect(eq.differences).toEqual([])
  })

  it('lists no exception for a sample that does not exist', () => {
    const keys = new Set(all.map((s) => s.key))
    expect(Object.keys(EXCEPTIONS).filter((k) => !keys.has(k))).toEqual([])
  })
})
