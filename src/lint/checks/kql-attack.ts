import { valueText } from '../check-utils.js'
import { replacement, technique } from '../attack.js'
import { TACTICS } from '../../kql/schema.js'
import { defineCheck } from '../define-check.js'

export type MessageIds = 'tactic' | 'technique' | 'revoked' | 'tacticMismatch'

/** Sentinel tactic names → ATT&CK tactic shortnames. */
const SHORTNAME: Record<string, string> = {
  Reconnaissance: 'reconnaissance', ResourceDevelopment: 'resource-development', InitialAccess: 'initial-access', Execution: 'execution',
  Persistence: 'persistence', PrivilegeEscalation: 'privilege-escalation', DefenseEvasion: 'defense-evasion', CredentialAccess: 'credential-access',
  Discovery: 'discovery', LateralMovement: 'lateral-movement', Collection: 'collection', Exfiltration: 'exfiltration',
  CommandAndControl: 'command-and-control', Impact: 'impact',
}

export default defineCheck<MessageIds>({
  id: 'kql-attack',
  meta: {
    kind: 'problem',
    description: '`tactics` must be Sentinel tactic names and `relevantTechniques` ATT&CK technique ids (T1234 or T1234.001) that exist, are not revoked, and belong to one of the rule\'s tactics.',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sentinel-kql'],
    fixable: false,
    messages: {
      tactic: "'{{value}}' is not a Sentinel tactic ({{known}})",
      technique: "'{{value}}' is not an ATT&CK technique id",
      revoked: "'{{value}}' is revoked or deprecated in ATT&CK{{instead}}",
      tacticMismatch: "'{{value}}' ({{name}}) belongs to {{its}}, none of the rule's tactics",
    },
  },
  create(ctx) {
    return {
      kqlRule(rule) {
        const meta = rule.source?.meta
        const map = rule.source?.map
        if (!meta || !map) return
        const tactics = Array.isArray(meta.tactics) ? meta.tactics : []
        tactics.forEach((t, i) => {
          if (typeof t === 'string' && !(TACTICS as readonly string[]).includes(t.trim())) ctx.report({ at: { place: map.value(['tactics', i]) }, messageId: 'tactic', data: { value: t, known: TACTICS.join(', ') } })
        })
        const shortnames = new Set(tactics.map((t) => (typeof t === 'string' ? SHORTNAME[t.trim()] : undefined)).filter(Boolean))
        const techniques = Array.isArray(meta.relevantTechniques) ? meta.relevantTechniques : []
        techniques.forEach((v, i) => {
          const place = map.value(['relevantTechniques', i])
          const id = typeof v === 'string' ? v.trim() : ''
          const t = /^T\d{4}(\.\d{3})?$/.test(id) ? technique(id) : undefined
          if (!t) return ctx.report({ at: { place }, messageId: 'technique', data: { value: valueText(v) } })
          if (t.status) {
            const r = replacement(id)
            return ctx.report({ at: { place }, messageId: 'revoked', data: { value: id, instead: r ? `; use ${r}` : '' } })
          }
          if (shortnames.size > 0 && !t.tactics.some((x) => shortnames.has(x))) ctx.report({ at: { place }, messageId: 'tacticMismatch', data: { value: id, name: t.name, its: t.tactics.join(', ') } })
        })
      },
    }
  },
})
