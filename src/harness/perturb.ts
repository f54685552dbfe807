import fc from 'fast-check'
import type { Scenario } from './types.js'

/**
 * One thing about an action that a rule may not care about, and a way to vary it. `paths` are
 * the canonical fields it changes; the harness varies it only when the rule reads none of them
 * (nor, on the variant at hand, any raw field its change shows up in).
 */
export interface Aspect<T = unknown> {
  name: string
  paths: readonly string[]
  values: fc.Arbitrary<T>
  apply(s: Scenario, value: T): Scenario
}

function aspect<T>(a: Aspect<T>): Aspect {
  return a as Aspect
}

/** A copy to mutate (events are plain JSON). Perturbed actions are encoded as they are: no render. */
function clone(s: Scenario): Scenario {
  return { event: structuredClone(s.event), context: { ...s.context } }
}

/** RFC 3339 with microseconds, as kube-apiserver writes. */
function micro(ms: number, extraMicros: number): string {
  const iso = new Date(ms).toISOString() // 2026-11-23T09:10:51.123Z
  return `${iso.slice(0, 23)}${String(extraMicros).padStart(3, '0')}Z`
}

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/)
const USER_AGENTS = [
  'kubectl/v1.29.3 (linux/amd64) kubernetes/6813625',
  'kubectl/v1.31.0 (darwin/arm64) kubernetes/9edcffc',
  'Go-http-client/2.0',
  'helm/v3.15.2',
  'argocd-application-controller/v2.11.0',
  'terraform-provider-kubernetes/2.31.0',
  'Mozilla/5.0 (X11; Linux x86_64)',
]

function renameInUri(uri: string, from: string, to: string): string {
  if (from === '') return uri
  return uri
    .split('?')
    .map((part, i) => (i === 0 ? part.split('/').map((seg) => (seg === from ? to : seg)).join('/') : part))
    .join('?')
}

function setMetadata(obj: Record<string, unknown> | undefined, key: string, value: unknown): void {
  if (!obj) return
  const meta = obj['metadata']
  if (typeof meta === 'object' && meta !== null && !Array.isArray(meta)) (meta as Record<string, unknown>)[key] = value
}

/**
 * What perturbation varies: ids, timestamps, IPs, names, user agents, extra annotations and
 * labels, the cluster. Key order is varied separately on the raw record (`shuffleKeys`).
 */
export const ASPECTS: readonly Aspect[] = [
  aspect({
    name: 'auditID',
    paths: ['auditID'],
    values: fc.uuid({ version: 4 }),
    apply: (s, id: string) => {
      const o = clone(s)
      o.event.auditID = id
      return o
    },
  }),
  aspect({
    name: 'timestamps',
    paths: ['requestReceivedTimestamp', 'stageTimestamp'],
    values: fc.tuple(
      fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2030, 11, 31) }),
      fc.integer({ min: 0, max: 999 }),
      fc.integer({ min: 0, max: 5000 }),
    ),
    apply: (s, [ms, us, latency]: [number, number, number]) => {
      const o = clone(s)
      o.event.requestReceivedTimestamp = micro(ms, us)
      o.event.stageTimestamp = micro(ms + latency, us)
      return o
    },
  }),
  aspect({
    name: 'sourceIPs',
    paths: ['sourceIPs'],
    values: fc.array(fc.oneof(fc.ipV4(), fc.ipV6()), { minLength: 1, maxLength: 3 }),
    apply: (s, ips: string[]) => {
      const o = clone(s)
      o.event.sourceIPs = ips
      return o
    },
  }),
  aspect({
    name: 'userAgent',
    paths: ['userAgent'],
    values: fc.oneof(fc.constantFrom(...USER_AGENTS), fc.string({ minLength: 1, maxLength: 40 })),
    apply: (s, ua: string) => {
      const o = clone(s)
      o.event.userAgent = ua
      return o
    },
  }),
  aspect({
    name: 'user',
    paths: ['user', 'impersonatedUser'],
    values: fc.record({
      name: fc.oneof(fc.emailAddress(), dnsLabel.map((n) => `oidc:${n}`)),
      uid: fc.uuid({ version: 4 }),
    }),
    apply: (s, u: { name: string; uid: string }) => {
      const o = clone(s)
      o.event.user = { ...o.event.user, username: u.name, uid: u.uid }
      return o
    },
  }),
  aspect({
    name: 'objectName',
    paths: ['objectRef.name', 'requestURI', 'requestObject.metadata.name', 'responseObject.metadata.name'],
    values: dnsLabel,
    apply: (s, name: string) => {
      const o = clone(s)
      const ref = o.event.objectRef
      if (!ref?.name) return o
      o.event.requestURI = renameInUri(o.event.requestURI, ref.name, name)
      setMetadata(o.event.requestObject, 'name', name)
      setMetadata(o.event.responseObject, 'name', name)
      ref.name = name
      return o
    },
  }),
  aspect({
    name: 'objectIds',
    paths: ['objectRef.uid', 'objectRef.resourceVersion', 'responseObject.metadata.uid', 'responseObject.metadata.resourceVersion'],
    values: fc.tuple(fc.uuid({ version: 4 }), fc.integer({ min: 1, max: 99_999_999 })),
    apply: (s, [uid, rv]: [string, number]) => {
      const o = clone(s)
      if (o.event.objectRef) {
        if (o.event.objectRef.uid !== undefined) o.event.objectRef.uid = uid
        if (o.event.objectRef.resourceVersion !== undefined) o.event.objectRef.resourceVersion = String(rv)
      }
      setMetadata(o.event.responseObject, 'uid', uid)
      setMetadata(o.event.responseObject, 'resourceVersion', String(rv))
      return o
    },
  }),
  aspect({
    name: 'annotations',
    paths: ['annotations'],
    values: fc.dictionary(dnsLabel.map((k) => `example.com/${k}`), fc.string({ maxLength: 30 }), { minKeys: 1, maxKeys: 3 }),
    apply: (s, extra: Record<string, string>) => {
      const o = clone(s)
      o.event.annotations = { ...extra, ...o.event.annotations }
      return o
    },
  }),
  aspect({
    name: 'objectLabels',
    paths: ['requestObject.metadata.labels', 'requestObject.metadata.annotations', 'responseObject.metadata.labels'],
    values: fc.dictionary(dnsLabel.map((k) => `team.example.com/${k}`), dnsLabel, { minKeys: 1, maxKeys: 3 }),
    apply: (s, labels: Record<string, string>) => {
      const o = clone(s)
      for (const obj of [o.event.requestObject, o.event.responseObject]) {
        const meta = obj?.['metadata']
        if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) continue
        const m = meta as Record<string, unknown>
        m['labels'] = { ...labels, ...(m['labels'] as Record<string, string> | undefined) }
      }
      return o
    },
  }),
  aspect({
    name: 'cluster',
    paths: ['context'],
    values: fc.tuple(dnsLabel, fc.stringMatching(/^[0-9]{12}$/), dnsLabel),
    apply: (s, [cluster, account, project]: [string, string, string]) => {
      const o = clone(s)
      o.context.clusterName = cluster
      if (o.context.accountId !== undefined) o.context.accountId = account
      if (o.context.projectId !== undefined) o.context.projectId = project
      return o
    },
  }),
]

/** Deterministic key-order permutation of every object in a JSON value (0 keeps the order). */
export function shuffleKeys(value: unknown, seed: number): unknown {
  if (seed === 0) return value
  let state = seed >>> 0 || 1
  const next = (): number => {
    // xorshift32: tiny and deterministic; the order only needs to differ, not be uniform.
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 0x1_0000_0000
  }
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (typeof v !== 'object' || v === null) return v
    const keys = Object.keys(v)
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[keys[i], keys[j]] = [keys[j]!, keys[i]!]
    }
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = walk((v as Record<string, unknown>)[k])
    return out
  }
  return walk(value)
}
