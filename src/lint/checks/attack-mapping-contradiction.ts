import { valueText } from '../check-utils.js'
import { technique } from '../attack.js'
import { defineCheck } from '../define-check.js'
import type { YamlPath } from '../../shared/yaml/index.js'

export type MessageIds = 'contradiction'

/** Technique mappings that contradict what a Kubernetes detection looks at. */
const CONTRADICTIONS = [
  {
    topic: /cron[ _-]?jobs?|\bjobs\b|\/batch\b|\bbatch\//i,
    what: 'a Kubernetes CronJob/Job',
    wrong: ['T1053.003', 'T1053.005', 'T1053.006', 'T1053.002'],
    right: 'T1053.007',
  },
]

const K8S_PANTHER = new Set(['Amazon.EKS.Audit', 'Azure.MonitorActivity', 'GCP.AuditLog'])

/** Every technique some contradiction calls wrong. */
const WRONG = new Set(CONTRADICTIONS.flatMap((c) => c.wrong))

function isKubernetesSigma(logsource: { product?: string; service?: string }, detection: string): boolean {
  return logsource.product === 'kubernetes' || /MANAGEDCLUSTERS|CONNECTEDCLUSTERS|io\.k8s\.|objectRef\./i.test(detection)
}

export default defineCheck<MessageIds>({
  id: 'attack-mapping-contradiction',
  meta: {
    kind: 'problem',
    description: 'An ATT&CK mapping must fit what the detection looks at: a Kubernetes CronJob/Job rule is T1053.007 Container Orchestration Job, not T1053.003 Cron (a host crontab).',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['sigma', 'panther'],
    fixable: false,
    messages: { contradiction: "{{tag}} ({{name}}) does not fit {{what}}; use {{right}} ({{rightName}})" },
  },
  create(ctx) {
    function judge(text: string, id: string, tag: string, at: { path: YamlPath }): void {
      for (const c of CONTRADICTIONS) {
        if (!c.wrong.includes(id) || !c.topic.test(text)) continue
        ctx.report({
          at,
          messageId: 'contradiction',
          data: { tag, name: technique(id)?.name ?? id, what: c.what, right: c.right, rightName: technique(c.right)?.name ?? c.right },
        })
      }
    }
    return {
      rule(rule) {
        const tags = rule.value.tags
        if (!Array.isArray(tags)) return
        // Most rules carry no tag any contradiction is about: skip serialising their detection.
        if (!tags.some((t) => typeof t === 'string' && WRONG.has(t.slice('attack.'.length).toUpperCase()))) return
        const detection = JSON.stringify(rule.value.detection ?? '') + ' ' + valueText(rule.value.title ?? '')
        if (!isKubernetesSigma(rule.logsource, detection)) return
        tags.forEach((t, i) => {
          const m = typeof t === 'string' ? /^attack\.(t\d{4}\.\d{3})$/i.exec(t) : null
          if (m) judge(detection, (m[1] as string).toUpperCase(), t as string, { path: ['tags', i] })
        })
      },
      pantherRule(rule) {
        if (!rule.logTypes.some((l) => K8S_PANTHER.has(l))) return
        const list = (rule.value.Reports as Record<string, unknown> | undefined)?.['MITRE ATT&CK']
        if (!Array.isArray(list)) return
        const text = [rule.id, rule.value.DisplayName, rule.value.Description, JSON.stringify(rule.tests.map((t) => (t.log as Record<string, unknown> | undefined)?.objectRef ?? null))].join(' ')
        list.forEach((entry, i) => {
          const m = typeof entry === 'string' ? /(T\d{4}\.\d{3})/i.exec(entry) : null
          if (m) judge(text, (m[1] as string).toUpperCase(), entry as string, { path: ['Reports', 'MITRE ATT&CK', i] })
        })
      },
    }
  },
})
