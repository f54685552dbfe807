import type { AuditEvent } from '../../src/model/audit-event.js'
import type { Gen } from '../_internals/gen.js'
import type { FamilyLabels, Labels, Scenario } from '../types.js'

/** A named, labelled scenario family. */
export interface Family {
  /** `atomic.*`, `benign.*` or `noise.*`. */
  name: string
  description: string
  labels: FamilyLabels
  /** Names of the steps its scenarios contain: the family itself and sub-families such as `<name>.job`. */
  steps: readonly string[]
  /** Share within its group (`atomic`, `benign`, `noise`) in a mixed dataset. */
  weight: number
  scenario: Gen<Scenario>
}

export function defineFamily(f: Omit<Family, 'steps'> & { steps?: readonly string[] }): Family {
  return { ...f, steps: f.steps ?? [f.name] }
}

/** The sub-families a workload family's cascade adds. */
export function cascadeSteps(name: string, resource: 'cronjobs' | 'jobs', options: { denied?: boolean } = {}): string[] {
  const steps = resource === 'cronjobs' ? [name, `${name}.job`, `${name}.status`, `${name}.pod`] : [name, `${name}.pod`]
  return options.denied ? [...steps, `${name}.denied`] : steps
}

/** The label line of one event. */
export function labelsOf(family: string, labels: FamilyLabels, event: AuditEvent): Labels {
  const ref = event.objectRef
  return {
    family,
    malicious: labels.malicious,
    technique: labels.technique,
    atomic: labels.atomic,
    verb: event.verb,
    resource: ref?.resource ?? null,
    subresource: ref?.subresource ?? null,
    namespace: ref?.namespace ?? null,
    name: ref?.name ?? null,
    user: event.user.username ?? null,
    code: event.responseStatus?.code ?? null,
  }
}
