import { defineCheck } from '../define-check.js'
import { domainFor, lookupField } from '../domain/kubernetes-audit.js'

export type MessageIds = 'unknown' | 'unknownHint'

/** Where a bare name that rules put at the top level really lives in an audit event. */
const HINTS: Record<string, string> = {
  hostPath: 'requestObject.spec.volumes[].hostPath',
  capabilities: 'requestObject.spec.containers[].securityContext.capabilities',
  privileged: 'requestObject.spec.containers[].securityContext.privileged',
  apiGroup: 'objectRef.apiGroup',
  resource: 'objectRef.resource',
  namespace: 'objectRef.namespace',
  subresource: 'objectRef.subresource',
  username: 'user.username',
  sourceIP: 'sourceIPs',
  image: 'requestObject.spec.containers[].image',
}

const hintFor = (name: string): string | undefined => (Object.hasOwn(HINTS, name) ? HINTS[name] : undefined)

export default defineCheck<MessageIds>({
  id: 'field-not-in-logsource',
  meta: {
    kind: 'problem',
    description: "A detection field must exist in the records of the rule's logsource (a Kubernetes audit event has no top-level `hostPath`).",
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['sigma'],
    fixable: false,
    messages: {
      unknown: "'{{field}}' is not a field of a {{logsource}} event, so this item never matches",
      unknownHint: "'{{field}}' is not a field of a {{logsource}} event, so this item never matches (did you mean {{hint}}?)",
    },
  },
  create(ctx) {
    return {
      detectionItem(item) {
        if (item.field === null || item.modifiers.includes('fieldref')) return
        const domain = domainFor(item.rule.logsource)
        if (domain === undefined) return
        const found = lookupField(domain, item.field)
        if (found.kind !== 'unknown') return
        // `field|exists: false` and `field: null` are satisfied by an absent field.
        const values = item.values.map((v) => v.value)
        if ((item.modifiers.includes('exists') && values.every((v) => v === false)) || values.every((v) => v === null)) return
        const logsource = `${item.rule.logsource.product}/${item.rule.logsource.service}`
        const last = item.field.split('.').pop() as string
        const hint = hintFor(item.field) ?? hintFor(last)
        ctx.report({ at: { path: item.path, key: true }, messageId: hint ? 'unknownHint' : 'unknown', data: hint ? { field: item.field, logsource, hint } : { field: item.field, logsource } })
      },
    }
  },
})
