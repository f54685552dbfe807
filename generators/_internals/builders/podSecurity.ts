/**
 * Pod Security `baseline` violations of a pod spec, worded as the admission plugin's audit
 * annotation `pod-security.kubernetes.io/audit-violations` (logformats.md §1.5), which it also
 * writes for workload objects (CronJob / Job templates) in namespaces labelled for audit.
 */
type Obj = Record<string, unknown>

const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'])

function quoteList(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ')
}

export function baselineViolations(spec: Obj): string[] {
  const out: string[] = []
  const hostNs = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((k) => spec[k] === true).map((k) => `${k}=true`)
  if (hostNs.length) out.push(`host namespaces (${hostNs.join(', ')})`)
  const containers = [...((spec.initContainers as Obj[] | undefined) ?? []), ...((spec.containers as Obj[] | undefined) ?? [])]
  const privileged = containers.filter((c) => (c.securityContext as Obj | undefined)?.privileged === true).map((c) => String(c.name))
  if (privileged.length) out.push(`privileged (container${privileged.length > 1 ? 's' : ''} ${quoteList(privileged)} must not set securityContext.privileged=true)`)
  for (const c of containers) {
    const added = (((c.securityContext as Obj | undefined)?.capabilities as Obj | undefined)?.add as string[] | undefined) ?? []
    const bad = added.filter((cap) => !BASELINE_CAPABILITIES.has(cap))
    if (bad.length) out.push(`non-default capabilities (container "${String(c.name)}" must not include ${quoteList(bad)} in securityContext.capabilities.add)`)
  }
  const hostPaths = ((spec.volumes as Obj[] | undefined) ?? []).filter((v) => v.hostPath).map((v) => String(v.name))
  if (hostPaths.length) out.push(`hostPath volumes (volume${hostPaths.length > 1 ? 's' : ''} ${quoteList(hostPaths)})`)
  return out
}

/** The pod spec inside a Pod, Job or CronJob object. */
export function podSpecOf(object: Obj): Obj | undefined {
  const spec = object.spec as Obj | undefined
  if (!spec) return undefined
  if (object.kind === 'Pod') return spec
  if (object.kind === 'CronJob') return ((((spec.jobTemplate as Obj | undefined)?.spec as Obj | undefined)?.template as Obj | undefined)?.spec as Obj | undefined)
  return ((spec.template as Obj | undefined)?.spec as Obj | undefined)
}

/** The audit annotation for a create of `object`, or undefined when it meets `baseline`. */
export function podSecurityAuditAnnotation(object: Obj): Record<string, string> | undefined {
  const spec = podSpecOf(object)
  const violations = spec ? baselineViolations(spec) : []
  if (!violations.length) return undefined
  return { 'pod-security.kubernetes.io/audit-violations': `would violate PodSecurity "baseline:latest": ${violations.join(', ')}` }
}
