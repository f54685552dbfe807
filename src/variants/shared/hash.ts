/**
 * Deterministic stand-ins for the envelope values a provider invents (AKS pod names and
 * container IDs, GKE receive delays, …): derived from the event, so the same event and
 * context always encode to the same bytes.
 */

/** 32-bit FNV-1a. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** `length` characters from `alphabet`, chained FNV-1a over `seed`. */
export function derivedString(seed: string, length: number, alphabet: string): string {
  let out = ''
  let h = fnv1a(seed)
  while (out.length < length) {
    h = fnv1a(`${h}:${seed}:${out.length}`)
    let x = h
    for (let k = 0; k < 4 && out.length < length; k++) {
      out += alphabet[x % alphabet.length]
      x = Math.floor(x / alphabet.length)
    }
  }
  return out
}

export const HEX = '0123456789abcdef'
export const DIGITS = '0123456789'
/** Kubernetes' safe-encoding alphabet for generated name suffixes and pod-template hashes. */
export const K8S_SUFFIX = 'bcdfghjklmnpqrstvwxz2456789'

/** A UUID-shaped (version 4 layout) identifier derived from `seed`. */
export function derivedUuid(seed: string): string {
  const h = derivedString(seed, 32, HEX)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[fnv1a(seed) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
