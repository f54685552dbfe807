/**
 * Names of the scenario families and their steps, without the families themselves: the Sigma
 * loader checks `tests: - family:` globs against these, and must not load fast-check and faker
 * (the generators) to do so. test/generators/family-names.test.ts keeps this table equal to
 * `families` (same order); add a family there and here together.
 */
export const FAMILY_STEPS: Readonly<Record<string, readonly string[]>> = {
  'atomic.reverse-shell-cronjob': ['atomic.reverse-shell-cronjob', 'atomic.reverse-shell-cronjob.job', 'atomic.reverse-shell-cronjob.status', 'atomic.reverse-shell-cronjob.pod', 'atomic.reverse-shell-cronjob.denied'],
  'atomic.privileged-hostpath-job': ['atomic.privileged-hostpath-job', 'atomic.privileged-hostpath-job.pod', 'atomic.privileged-hostpath-job.denied'],
  'atomic.docker-socket-cronjob': ['atomic.docker-socket-cronjob', 'atomic.docker-socket-cronjob.job', 'atomic.docker-socket-cronjob.status', 'atomic.docker-socket-cronjob.pod', 'atomic.docker-socket-cronjob.denied'],
  'atomic.cryptominer-cronjob': ['atomic.cryptominer-cronjob', 'atomic.cryptominer-cronjob.job', 'atomic.cryptominer-cronjob.status', 'atomic.cryptominer-cronjob.pod', 'atomic.cryptominer-cronjob.denied'],
  'atomic.art-list-cronjobs': ['atomic.art-list-cronjobs', 'atomic.art-list-cronjobs.denied'],
  'atomic.art-create-cronjob': ['atomic.art-create-cronjob', 'atomic.art-create-cronjob.job', 'atomic.art-create-cronjob.status', 'atomic.art-create-cronjob.pod'],
  'atomic.pod-exec': ['atomic.pod-exec', 'atomic.pod-exec.denied'],
  'atomic.pod-attach': ['atomic.pod-attach'],
  'atomic.port-forward': ['atomic.port-forward'],
  'atomic.node-proxy': ['atomic.node-proxy', 'atomic.node-proxy.denied'],
  'atomic.secret-list': ['atomic.secret-list', 'atomic.secret-list.denied'],
  'atomic.secret-read': ['atomic.secret-read', 'atomic.secret-read.denied'],
  'atomic.escape-pod': ['atomic.escape-pod', 'atomic.escape-pod.denied'],
  'atomic.daemonset': ['atomic.daemonset', 'atomic.daemonset.denied'],
  'atomic.unusual-registry-pod': ['atomic.unusual-registry-pod'],
  'atomic.cluster-admin-binding': ['atomic.cluster-admin-binding', 'atomic.cluster-admin-binding.denied'],
  'atomic.role-escalation': ['atomic.role-escalation'],
  'atomic.admission-webhook': ['atomic.admission-webhook'],
  'atomic.anonymous-access': ['atomic.anonymous-access'],
  'atomic.sa-token-request': ['atomic.sa-token-request', 'atomic.sa-token-request.denied'],
  'benign.db-backup-cronjob': ['benign.db-backup-cronjob', 'benign.db-backup-cronjob.job', 'benign.db-backup-cronjob.status', 'benign.db-backup-cronjob.pod'],
  'benign.cloud-backup-cronjob': ['benign.cloud-backup-cronjob', 'benign.cloud-backup-cronjob.job', 'benign.cloud-backup-cronjob.status', 'benign.cloud-backup-cronjob.pod'],
  'benign.cert-renewal-cronjob': ['benign.cert-renewal-cronjob', 'benign.cert-renewal-cronjob.job', 'benign.cert-renewal-cronjob.status', 'benign.cert-renewal-cronjob.pod'],
  'benign.log-rotation-cronjob': ['benign.log-rotation-cronjob', 'benign.log-rotation-cronjob.job', 'benign.log-rotation-cronjob.status', 'benign.log-rotation-cronjob.pod'],
  'benign.healthcheck-cronjob': ['benign.healthcheck-cronjob', 'benign.healthcheck-cronjob.job', 'benign.healthcheck-cronjob.status', 'benign.healthcheck-cronjob.pod'],
  'benign.ci-job': ['benign.ci-job', 'benign.ci-job.pod'],
  'benign.kube-bench-job': ['benign.kube-bench-job', 'benign.kube-bench-job.pod'],
  'benign.trivy-node-collector-job': ['benign.trivy-node-collector-job', 'benign.trivy-node-collector-job.pod'],
  'benign.descheduler-cronjob': ['benign.descheduler-cronjob', 'benign.descheduler-cronjob.job', 'benign.descheduler-cronjob.status', 'benign.descheduler-cronjob.pod'],
  'benign.helm-hook-job': ['benign.helm-hook-job', 'benign.helm-hook-job.pod'],
  'benign.stale-pod-cleanup-cronjob': ['benign.stale-pod-cleanup-cronjob', 'benign.stale-pod-cleanup-cronjob.job', 'benign.stale-pod-cleanup-cronjob.status', 'benign.stale-pod-cleanup-cronjob.pod'],
  'benign.operator-exec': ['benign.operator-exec'],
  'benign.dev-port-forward': ['benign.dev-port-forward'],
  'benign.metrics-node-proxy': ['benign.metrics-node-proxy'],
  'benign.operator-secret-read': ['benign.operator-secret-read'],
  'benign.node-agent-pod': ['benign.node-agent-pod'],
  'benign.gitops-daemonset': ['benign.gitops-daemonset'],
  'benign.app-pod': ['benign.app-pod'],
  'benign.gitops-rbac': ['benign.gitops-rbac'],
  'benign.operator-webhook': ['benign.operator-webhook'],
  'benign.kubelet-token-request': ['benign.kubelet-token-request'],
  'noise.read': ['noise.read'],
  'noise.other-resource-write': ['noise.other-resource-write'],
  'noise.denied': ['noise.denied'],
  'noise.status-update': ['noise.status-update'],
  'noise.kube-system': ['noise.kube-system'],
  'noise.controller-job-delete': ['noise.controller-job-delete'],
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`)
}

/**
 * Names matching a comma-separated glob list (`atomic.*,benign.ci-*`); a pattern starting with
 * `!` excludes. Throws when nothing matches or a positive pattern matches nothing.
 */
export function selectNames(globs: string, names: readonly string[]): string[] {
  const patterns = globs.split(',').map((s) => s.trim()).filter(Boolean)
  const include = patterns.filter((p) => !p.startsWith('!'))
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)))
  for (const p of include) {
    if (!names.some((n) => globToRegExp(p).test(n))) throw new RangeError(`generators: no family matches '${p}' (known: ${names.join(', ')})`)
  }
  const inc = (include.length ? include : ['*']).map(globToRegExp)
  const out = names.filter((n) => inc.some((r) => r.test(n)) && !exclude.some((r) => r.test(n)))
  if (out.length === 0) throw new RangeError(`generators: '${globs}' selects no family`)
  return out
}
