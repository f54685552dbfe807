import { defineCheck } from '../define-check.js'

export type MessageIds = 'dataAction'

/** Kubernetes API groups and resources as they appear, upper-cased, in Azure RBAC data actions. */
const K8S_SEGMENTS = new Set([
  'BATCH', 'APPS', 'EXTENSIONS', 'POLICY', 'RBAC.AUTHORIZATION.K8S.IO', 'NETWORKING.K8S.IO', 'EVENTS.K8S.IO',
  'ADMISSIONREGISTRATION.K8S.IO', 'APIEXTENSIONS.K8S.IO', 'STORAGE.K8S.IO', 'CERTIFICATES.K8S.IO', 'COORDINATION.K8S.IO',
  'PODS', 'SECRETS', 'CONFIGMAPS', 'SERVICEACCOUNTS', 'EVENTS', 'NAMESPACES', 'NODES', 'SERVICES', 'ENDPOINTS',
  'PERSISTENTVOLUMES', 'PERSISTENTVOLUMECLAIMS', 'CRONJOBS', 'JOBS', 'DEPLOYMENTS', 'DAEMONSETS', 'REPLICASETS',
  'STATEFULSETS', 'ROLES', 'CLUSTERROLES', 'ROLEBINDINGS', 'CLUSTERROLEBINDINGS', 'NETWORKPOLICIES',
  'MUTATINGWEBHOOKCONFIGURATIONS', 'VALIDATINGWEBHOOKCONFIGURATIONS', 'USERS', 'GROUPS',
])
const CLUSTER = /MICROSOFT\.(CONTAINERSERVICE\/MANAGEDCLUSTERS|KUBERNETES\/CONNECTEDCLUSTERS|CONTAINERSERVICE\/FLEETS)/i

export default defineCheck<MessageIds>({
  id: 'azure-activity-data-action',
  meta: {
    kind: 'problem',
    description: 'Azure Activity log rules keyed on Kubernetes data-plane operations (`…/MANAGEDCLUSTERS/BATCH/CRONJOBS/WRITE`) never fire: those names are Azure RBAC data actions, and Kubernetes object writes go to the API server, not Resource Manager, so the Activity log has no such record.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: {
      dataAction: "'{{value}}'{{more}} is an Azure RBAC data action for Kubernetes objects; the Activity log never records it (use the AKS kube-audit log instead)",
    },
  },
  create(ctx) {
    return {
      rule(rule) {
        if (rule.logsource.product !== 'azure' || rule.logsource.service !== 'activitylogs') return
        const items = rule.selections.flatMap((s) => s.items).filter((i) => i.field !== null && /^operationname(value)?$/i.test(i.field))
        const values = items.flatMap((i) => i.values).filter((v) => typeof v.value === 'string')
        // A rule may split the name across startswith/endswith items: judge the selection's strings together.
        const clusterScoped = values.some((v) => CLUSTER.test(v.value as string))
        if (!clusterScoped) return
        // One finding per detection item, at its first data-action value.
        for (const item of items) {
          const hits = item.values.filter((v) => {
            if (typeof v.value !== 'string') return false
            const segments = v.value.toUpperCase().replace(CLUSTER, '').split('/').filter(Boolean)
            return segments.length >= 2 && segments.slice(0, -1).some((s) => K8S_SEGMENTS.has(s))
          })
          const first = hits[0]
          if (first === undefined) continue
          const more = hits.length > 1 ? ` (and ${hits.length - 1} more)` : ''
          ctx.report({ at: { path: first.path }, messageId: 'dataAction', data: { value: first.value as string, more } })
        }
      },
    }
  },
})
