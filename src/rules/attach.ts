import type { Finding } from '../model/result.js'
import type { VariantId } from '../model/variant.js'
import type { SigmaDocument, SigmaRuleDocument } from '../sigma/index.js'
import { DISCOVERY_CHECKS, finding } from './findings.js'
import type { PendingTests } from './pending.js'

/**
 * The format a rule's own events are written in, for tests of tools that have no variants:
 * Azure Activity rules read Activity records, every other Kubernetes rule the plain audit Event.
 */
export function nativeVariant(doc: SigmaRuleDocument): VariantId {
  const product = doc.logsource.product?.toLowerCase()
  const service = doc.logsource.service?.toLowerCase()
  if (product === 'azure' && (service === undefined || service === 'activitylogs')) return 'azure-activity'
  return 'k8s'
}

function names(doc: SigmaDocument): string[] {
  return [doc.id, doc.name, doc.title].filter((x): x is string => typeof x === 'string' && x !== '')
}

/** The rule documents a pending set of tests is for. */
function targets(p: PendingTests, docs: readonly SigmaDocument[]): SigmaRuleDocument[] {
  const rules = docs.filter((d): d is SigmaRuleDocument => d.kind === 'rule')
  let pool = p.ruleFile !== undefined ? rules.filter((d) => d.file === p.ruleFile) : rules
  const want = p.rule
  if (want) {
    // An id is exact; a title (Zircolite) is compared as written.
    if (want.id !== undefined) pool = pool.filter((d) => d.id === want.id || d.name === want.id)
    else if (want.name !== undefined) pool = pool.filter((d) => names(d).includes(want.name!))
    else if (want.title !== undefined) pool = pool.filter((d) => d.title === want.title)
  }
  return pool
}

function describeTarget(p: PendingTests): string {
  if (p.rule?.id !== undefined) return `rule id '${p.rule.id}'`
  if (p.rule?.name !== undefined) return `rule '${p.rule.name}'`
  if (p.rule?.title !== undefined) return `rule titled '${p.rule.title}'`
  return `rule file ${p.ruleFile}`
}

/**
 * Appends pending tests to the `tests` of the rule documents they name, before the documents
 * become rules, so every format's tests run through the same rule code. Unmatched targets are
 * findings.
 */
export function attachTests(pending: readonly PendingTests[], docs: readonly SigmaDocument[]): Finding[] {
  const findings: Finding[] = []
  for (const p of pending) {
    const hits = targets(p, docs)
    if (hits.length === 0) {
      findings.push(finding(DISCOVERY_CHECKS.target, p.missingSeverity ?? 'error', p.location, `${p.tests.length} ${p.source} test(s) name ${describeTarget(p)}, which was not loaded`))
      continue
    }
    for (const doc of hits) {
      const variant = nativeVariant(doc)
      for (const t of p.tests) doc.tests.push(p.variantFromRule ? { ...t, variant } : t)
    }
  }
  return findings
}
