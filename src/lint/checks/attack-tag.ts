import { renamedTactic, replacement, tactic, technique, ATTACK_VERSION } from '../attack.js'
import { defineCheck } from '../define-check.js'
import type { YamlPath } from '../../shared/yaml/index.js'

export type MessageIds = 'unknownTechnique' | 'revoked' | 'deprecated' | 'unknownTactic' | 'renamedTactic' | 'tacticMismatch' | 'tacticMoved'

export default defineCheck<MessageIds>({
  id: 'attack-tag',
  meta: {
    kind: 'problem',
    description: `ATT&CK techniques and tactics named by Sigma tags or Panther Reports must exist in MITRE ATT&CK (v${ATTACK_VERSION}) and not be revoked, deprecated or renamed.`,
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma', 'panther'],
    fixable: false,
    messages: {
      unknownTechnique: "'{{tag}}': ATT&CK has no technique {{id}}",
      revoked: "'{{tag}}': technique {{id}} ({{name}}) is revoked{{by}}",
      deprecated: "'{{tag}}': technique {{id}} ({{name}}) is deprecated",
      unknownTactic: "'{{tag}}': ATT&CK has no tactic '{{tactic}}'",
      renamedTactic: "'{{tag}}': tactic '{{tactic}}' was renamed; use {{current}}",
      tacticMismatch: "'{{tag}}': technique {{id}} ({{name}}) does not belong to tactic {{tactic}}",
      tacticMoved: "'{{tag}}': {{tactic}} was Defense Evasion; ATT&CK v19 renamed it Stealth and moved {{id}} ({{name}}) to {{current}}",
    },
  },
  create(ctx) {
    function checkTechnique(tag: string, id: string, at: { path: YamlPath }): boolean {
      const t = technique(id)
      if (t === undefined) return ctx.report({ at, messageId: 'unknownTechnique', data: { tag, id: id.toUpperCase() } }), false
      if (t.status === 'revoked') {
        const r = replacement(t.id)
        ctx.report({ at, messageId: 'revoked', data: { tag, id: t.id, name: t.name, by: r ? ` (use ${r} ${technique(r)?.name ?? ''})` : '' } })
        return false
      }
      if (t.status === 'deprecated') return ctx.report({ at, messageId: 'deprecated', data: { tag, id: t.id, name: t.name } }), false
      return true
    }
    function checkTactic(tag: string, name: string, at: { path: YamlPath }): void {
      const current = renamedTactic(name.replace(/_/g, '-'))
      if (current !== undefined) ctx.report({ at, messageId: 'renamedTactic', data: { tag, tactic: name, current: current.join(' or ') } })
      else if (tactic(name.replace(/_/g, '-')) === undefined) ctx.report({ at, messageId: 'unknownTactic', data: { tag, tactic: name } })
    }
    return {
      rule(rule) {
        const tags = rule.value.tags
        if (!Array.isArray(tags)) return
        tags.forEach((t, i) => {
          if (typeof t !== 'string' || !t.toLowerCase().startsWith('attack.')) return
          const rest = t.slice(7)
          const at = { path: ['tags', i] as YamlPath }
          if (/^t\d{4}(\.\d{3})?$/i.test(rest)) checkTechnique(t, rest, at)
          else if (/^([gsm]|ds)\d{4}$/i.test(rest)) return // groups, software, mitigations, data sources: not in the compact table
          else checkTactic(t, rest, at)
        })
      },
      pantherRule(rule) {
        const reports = rule.value.Reports
        if (reports === null || typeof reports !== 'object') return
        const list = (reports as Record<string, unknown>)['MITRE ATT&CK']
        if (!Array.isArray(list)) return
        list.forEach((entry, i) => {
          if (typeof entry !== 'string') return
          const at = { path: ['Reports', 'MITRE ATT&CK', i] as YamlPath }
          const [ta, te] = entry.split(':')
          const tac = ta === undefined ? undefined : tactic(ta.trim())
          if (ta !== undefined && /^TA\d{4}$/i.test(ta.trim()) && tac === undefined) ctx.report({ at, messageId: 'unknownTactic', data: { tag: entry, tactic: ta.trim() } })
          if (te === undefined) return
          const id = te.trim()
          if (!checkTechnique(entry, id, at) || tac === undefined) return
          const t = technique(id)
          if (t === undefined || t.tactics.includes(tac.shortname)) return
          const impairment = tactic('defense-impairment')
          if (tac.shortname === 'stealth' && impairment !== undefined && t.tactics.includes('defense-impairment')) {
            ctx.report({ at, messageId: 'tacticMoved', data: { tag: entry, tactic: tac.id, id: t.id, name: t.name, current: `${impairment.id} ${impairment.name}` } })
          } else ctx.report({ at, messageId: 'tacticMismatch', data: { tag: entry, id: t.id, name: t.name, tactic: `${tac.id} ${tac.name}` } })
        })
      },
    }
  },
})
