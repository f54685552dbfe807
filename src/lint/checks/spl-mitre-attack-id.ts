import { valueText } from '../check-utils.js'
import { defineCheck } from '../define-check.js'
import { ATTACK_VERSION, technique } from '../attack.js'

export type MessageIds = 'unknown' | 'revoked' | 'malformed'

export default defineCheck<MessageIds>({
  id: 'spl-mitre-attack-id',
  meta: {
    kind: 'problem',
    description: `Each \`tags.mitre_attack_id\` of a Splunk detection must be a MITRE ATT&CK Enterprise technique (\`T1053\` or \`T1053.007\`) that exists and is not revoked or deprecated (ATT&CK ${ATTACK_VERSION}).`,
    defaultSeverity: 'error',
    recommended: true,
    appliesTo: ['splunk-spl'],
    fixable: false,
    messages: {
      malformed: "mitre_attack_id '{{value}}' is not a technique id (T1234 or T1234.001)",
      unknown: "mitre_attack_id '{{value}}' is not an ATT&CK Enterprise technique",
      revoked: "mitre_attack_id '{{value}}' is {{status}} in ATT&CK{{by}}",
    },
  },
  create(ctx) {
    return {
      splRule(rule) {
        const ids = (rule.meta.tags as { mitre_attack_id?: unknown } | undefined)?.mitre_attack_id
        if (!Array.isArray(ids)) return
        ids.forEach((id, i) => {
          const at = { path: ['tags', 'mitre_attack_id', i] }
          const value = valueText(id)
          if (!/^T\d{4}(\.\d{3})?$/.test(value)) return ctx.report({ at, messageId: 'malformed', data: { value } })
          const t = technique(value)
          if (!t) return ctx.report({ at, messageId: 'unknown', data: { value } })
          if (t.status) ctx.report({ at, messageId: 'revoked', data: { value, status: t.status, by: t.revokedBy ? ` (use ${t.revokedBy})` : '' } })
        })
      },
    }
  },
})
