/**
 * "Re-encodes equivalently", defined for records that come from elsewhere (Panther test logs,
 * fixtures): decode the record, encode the result again (same context, same AKS category), and
 * check that **every value present in the original is present and equal in the re-encoding**,
 * under these normalisations:
 *  - top-level `p_*` fields are Panther's, not the provider's: not compared;
 *  - timestamps compare as instants at microsecond precision (Panther rewrites their format);
 *  - Panther's spellings `at_sign_type` / `callerIP` are `@type` / `callerIp`;
 *  - ARM IDs and operation names compare case-insensitively (Azure treats them so);
 *  - AKS `properties.log` compares as the parsed Event, with the same rules;
 *  - an `objectRef.apiVersion` written as `group/version` (Panther's test logs) equals the
 *    version the decoder split it into (the group goes to `objectRef.apiGroup`);
 *  - values the codec derives or invents (`derivedPaths`) are reported, not compared.
 * The re-encoding may add fields the original lacked (Panther logs are partial); those are the
 * decoder's `defaulted` list.
 */
import type { VariantId } from '../model/variant.js'
import { variants } from './registry.js'
import { isObject } from './shared/json.js'
import { parseInstant } from './shared/time.js'

export interface Difference {
  path: string
  original: unknown
  reencoded: unknown
}

export interface Equivalence {
  /** Values present in the original that the re-encoding lost or changed. Empty = equivalent. */
  differences: Difference[]
  /** Derived or invented values present in the original that were not compared (see `derivedPaths`). */
  notCompared: string[]
  /** Canonical fields the original lacked and the decoder filled in. */
  defaulted: string[]
  reencoded: unknown
}

/**
 * Raw paths whose values a codec derives (from other fields) or invents, per variant; `*` matches
 * one path segment. In an original record they may disagree with what the codec would write.
 */
export const derivedPaths: Record<VariantId, readonly string[]> = {
  k8s: [],
  eks: [],
  aks: ['properties.pod', 'properties.containerID', 'properties.stream', 'time', 'serviceBuild'],
  gke: ['receiveTimestamp', 'protoPayload.authorizationInfo', 'protoPayload.request.@type', 'protoPayload.response.@type', 'operation.first', 'operation.last', 'severity'],
  'azure-activity': [
    'operationVersion', 'tenantId', 'resultType', 'resultSignature', 'level', 'durationMs', 'identity.authorization',
    'properties', 'category', 'caller', 'resultDescription', 'eventDataId', 'subscriptionId', 'resourceGroupName',
  ],
}

const ALIAS: Record<string, string> = { at_sign_type: '@type', callerIP: 'callerIp' }
const CASE_INSENSITIVE = new Set(['resourceId', 'operationName', 'identity.authorization.scope', 'properties.entity'])

function matchesPattern(path: string, pattern: string): boolean {
  const p = pattern.split('.')
  const s = path.split('.')
  if (s.length < p.length) return false
  return p.every((seg, i) => seg === '*' || seg === s[i])
}

function sameScalar(path: string, a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'string' && typeof b === 'string') {
    if (path.endsWith('objectRef.apiVersion') && a.includes('/') && a.slice(a.indexOf('/') + 1) === b) return true
    const ta = parseInstant(a)
    const tb = parseInstant(b)
    if (ta !== undefined && tb !== undefined) return ta / 1000n === tb / 1000n
    if (CASE_INSENSITIVE.has(path.replace(/^records\.\d+\./, ''))) return a.toLowerCase() === b.toLowerCase()
  }
  return false
}

function compare(path: string, original: unknown, reencoded: unknown, derived: readonly string[], out: Equivalence, top: boolean): void {
  const bare = path.replace(/\[\d+\]/g, '')
  if (derived.some((d) => matchesPattern(bare, d))) {
    out.notCompared.push(path)
    return
  }
  if (path === 'properties.log' && typeof original === 'string' && typeof reencoded === 'string') {
    let a: unknown
    let b: unknown
    try {
      a = JSON.parse(original)
      b = JSON.parse(reencoded)
    } catch {
      out.differences.push({ path, original, reencoded })
      return
    }
    compare('', a, b, [], { ...out, differences: out.differences, notCompared: out.notCompared }, false)
    return
  }
  if (Array.isArray(original)) {
    if (!Array.isArray(reencoded) || reencoded.length !== original.length) {
      out.differences.push({ path, original, reencoded })
      return
    }
    original.forEach((x, i) => compare(`${path}[${i}]`, x, reencoded[i], derived, out, false))
    return
  }
  if (isObject(original)) {
    if (!isObject(reencoded)) {
      out.differences.push({ path, original, reencoded })
      return
    }
    for (const [k, v] of Object.entries(original)) {
      if (top && k.startsWith('p_')) continue
      const key = (Object.hasOwn(ALIAS, k) ? ALIAS[k] : undefined) ?? k // event keys such as `constructor` are keys, not aliases
      compare(path ? `${path}.${key}` : key, v, reencoded[key], derived, out, false)
    }
    return
  }
  // Panther writes null where the provider omits the key.
  if (original === null && reencoded === undefined) return
  if (!sameScalar(bare, original, reencoded)) out.differences.push({ path, original, reencoded })
}

/** Decodes `raw` as `variant`, re-encodes it, and compares (see the module comment). Throws what decode throws. */
export function reencodeEquivalence(variant: VariantId, raw: unknown): Equivalence {
  const v = variants[variant]
  const decoded = v.decode(raw)
  const record = isObject(raw) && Array.isArray(raw.records) ? raw.records[0] : raw
  const category = isObject(record) && record.category === 'kube-audit-admin' ? 'kube-audit-admin' : undefined
  const assumed = variant === 'azure-activity'
  const reencoded = v.encode(decoded.event, decoded.context, { aksCategory: category, assumeDataActions: assumed })
  const out: Equivalence = { differences: [], notCompared: [], defaulted: decoded.defaulted ?? [], reencoded }
  if (reencoded === null) {
    out.differences.push({ path: '', original: raw, reencoded: null })
    return out
  }
  const unwrapped = isObject(raw) && Array.isArray(raw.records) ? raw.records[0] : raw
  compare('', unwrapped, reencoded, derivedPaths[variant], out, true)
  return out
}
